// `npm run bench`: every benchmark, one JSON document on stdout. Each part
// reports ratios against a baseline measured in the same run.
import { runAudioBench } from './audio';
import { runHistoryBench } from './history/bench';
import { runLanguageBench } from './language';
import { runLongCallBench } from './long-call';
import { runTranscriptImportBench } from './transcript-import';
import { runTimingBench } from './timing';
import { runVisionBench } from './vision';

const seconds = Number(process.env.CANDOR_BENCH_SECONDS ?? 3600);
const out: Record<string, unknown> = { machine: { cpus: (await import('node:os')).cpus().length, node: process.version, platform: process.platform } };
for (const [name, run] of [
  ['audio', () => runAudioBench({ seconds })],
  ['timing', runTimingBench],
  ['vision', runVisionBench],
  ['language', runLanguageBench],
  ['transcriptImport', () => runTranscriptImportBench()],
  ['history', runHistoryBench],
  ['longCall', () => runLongCallBench()],
] as const) {
  process.stderr.write(`bench: ${name}...\n`);
  try {
    out[name] = await run();
  } catch (err) {
    out[name] = { error: (err as Error).message };
  }
}
console.log(JSON.stringify(out, null, 2));
