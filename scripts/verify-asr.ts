// npm run verify:asr [-- <audio> [<reference.txt>] [--model name]]
// For a user WITH the speech model installed: transcribes a recording
// (default: shared/data/jfk.flac) through the same worker and batching the
// app uses, and prints the word error rate against its reference text
// (default: jfk.txt next to it). Fails clearly when the model is absent.
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { asrAvailability, createTranscriber } from '../src-main/engine/asr/transcriber';
import { ASR_SAMPLE_RATE } from '../src-main/engine/asr/types';
import { wordErrorRate } from '../src-main/engine/asr/wer';
import { readMono16k } from '../src-main/engine/audio/read-whole';

const { values, positionals } = parseArgs({ options: { model: { type: 'string' } }, allowPositionals: true });
const SHARED = process.env.CANDOR_SHARED_DIR || new URL('../../shared', import.meta.url).pathname;
const audioPath = positionals[0] ?? `${SHARED}/data/jfk.flac`;
const refPath = positionals[1] ?? audioPath.replace(/\.[^./]+$/, '.txt');

async function main(): Promise<number> {
  const avail = asrAvailability({ model: values.model });
  if (!avail.ok) {
    process.stderr.write(`verify:asr: no speech model to verify.\n  ${avail.reason.replace(/\n/g, '\n  ')}\n`);
    return 2;
  }
  if (!existsSync(refPath)) {
    process.stderr.write(`verify:asr: no reference text at ${refPath}; pass it as the second argument\n`);
    return 2;
  }
  const samples = await readMono16k(audioPath);
  const t0 = performance.now();
  let why = '';
  const t = await createTranscriber({ model: avail.entry.name, batch: { maxWaitMs: 0 }, onUnavailable: (r) => (why = r) });
  if (!t) {
    process.stderr.write(`verify:asr: ${why}\n`);
    return 1;
  }
  const loadMs = performance.now() - t0;
  const t1 = performance.now();
  const utterances = await t.transcribe({ side: 'me', startSec: 0, samples });
  const runMs = performance.now() - t1;
  await t.close();
  const hypothesis = utterances.map((u) => u.text).join(' ');
  const reference = readFileSync(refPath, 'utf8').trim();
  const w = wordErrorRate(reference, hypothesis);
  const audioSec = samples.length / ASR_SAMPLE_RATE;
  process.stdout.write(JSON.stringify({
    model: avail.entry.name,
    audio: audioPath,
    audioSec: Math.round(audioSec * 100) / 100,
    loadMs: Math.round(loadMs),
    transcribeMs: Math.round(runMs),
    realTimeFactor: Math.round((runMs / 1000 / audioSec) * 1000) / 1000,
    reference,
    hypothesis,
    utterances,
    ...w,
  }, null, 2) + '\n');
  return 0;
}

main().then((code) => (process.exitCode = code), (err) => {
  process.stderr.write(`verify:asr: ${(err as Error).message}\n`);
  process.exitCode = 1;
});
