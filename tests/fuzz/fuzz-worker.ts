// The fuzz harness's worker thread: runs one target's inputs in order and
// tells the main thread which input it is on, so that a hang or a crash
// can be pinned on its input and the run go on after it.
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { CandorError } from '../../src-main/contract/errors';
import { inputRng, type FromFuzzWorker, type FuzzJob } from './protocol';
import { TARGETS } from './targets';

const job = workerData as FuzzJob;
const target = TARGETS[job.target];
const post = (m: FromFuzzWorker): void => parentPort!.postMessage(m);
const baseline = process.memoryUsage.rss();

function describe(err: unknown): string {
  if (err instanceof CandorError) return `a CandorError that is not one line: ${JSON.stringify(err.message.slice(0, 300))}`;
  const e = err as Error;
  return `${e?.name ?? 'thrown'}: ${String(e?.message ?? err).slice(0, 300)}${e?.stack ? ` | ${e.stack.split('\n').slice(1, 4).join(' | ').trim()}` : ''}`;
}

async function main(): Promise<void> {
  for (let i = job.from; i < job.to; i++) {
    const input = job.replay ? new Uint8Array(readFileSync(job.replay[i])) : target.generate(job.seedBytes, inputRng(job.seed, i));
    post({ t: 'start', i });
    try {
      await target.run(input, job.workDir, i);
      post({ t: 'ok', i, candorError: false });
    } catch (err) {
      if (err instanceof CandorError && !err.message.includes('\n')) post({ t: 'ok', i, candorError: true });
      else post({ t: 'fail', i, kind: 'exception', message: describe(err) });
    }
    const grown = (process.memoryUsage.rss() - baseline) / 2 ** 20;
    if (grown > job.memoryMb) {
      post({ t: 'fail', i, kind: 'memory', message: `memory grew by ${grown.toFixed(0)} MB (bound ${job.memoryMb} MB)` });
      process.exit(3);
    }
  }
  post({ t: 'done' });
}

void main();
