// A child process for export-file.test.ts: writes parts of varied sizes to
// its stdout (a pipe, non-blocking in Node) through FdSink, as
// `candor history export` does without --out.
import { FdSink } from '../../../../src-main/engine/store/export-file';

const sink = new FdSink(1);
let seed = 7;
const rnd = (n: number): number => ((seed = (seed * 1103515245 + 12345) >>> 0) % n);
for (let i = 0; i < 3000; i++) {
  const len = rnd(i % 50 === 0 ? 200_000 : 3000);
  if (i % 3 === 0) sink.write('x'.repeat(len % 40));
  else sink.write(Buffer.alloc(len, i % 251));
}
sink.flush();
process.stderr.write(`${sink.bytes}\n`);
