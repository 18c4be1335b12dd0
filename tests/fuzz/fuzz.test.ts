// Seeded fuzz: every mutated input gives a result or a CandorError with a one-line message.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CandorError } from '../../src-main/contract/errors.js';
import { encodeWav } from '../../src-main/engine/audio/wav-writer.js';
import { openAudioFile } from '../../src-main/engine/audio/decode/open-audio-file.js';
import { PNG } from 'pngjs';
import { decodeImageBytes } from '../../src-main/engine/vision/image.js';
import { readFileSync } from 'node:fs';
import { assignSides, readTranscript } from '../../src-main/engine/transcript/import.js';
import { speakersOf } from '../../src-main/engine/transcript/sides.js';
import { mulberry32, mutate, mutateText } from './mutate.js';

export const FUZZ_COUNTS = { wav: 3000, png: 2000, transcript: 1500 };
console.log(`fuzz counts: ${JSON.stringify(FUZZ_COUNTS)}`);

function isCandorOneLine(err: unknown): boolean {
  return err instanceof CandorError && !err.message.includes('\n');
}

test(`fuzz WAV decode (${FUZZ_COUNTS.wav} inputs, seed 1)`, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'candor-fuzz-'));
  try {
    const tone = new Float32Array(1600).map((_, i) => Math.sin(i / 5) * 0.3);
    const seed = new Uint8Array(encodeWav([tone], 16000));
    const rng = mulberry32(1);
    const failures: string[] = [];
    let results = 0;
    let errors = 0;
    for (let i = 0; i < FUZZ_COUNTS.wav; i++) {
      const path = join(dir, `in-${i}.wav`);
      writeFileSync(path, mutate(seed, rng));
      try {
        const s = await openAudioFile(path);
        try {
          for await (const _ of s.chunks()) void _;
        } finally {
          await s.close();
        }
        results++;
      } catch (err) {
        if (isCandorOneLine(err)) errors++;
        else failures.push(`input ${i}: ${String(err)}`);
      }
    }
    console.log(JSON.stringify({ target: 'wav', inputs: FUZZ_COUNTS.wav, results, candorErrors: errors, failures: failures.length }));
    assert.deepEqual(failures, []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test(`fuzz PNG decode (${FUZZ_COUNTS.png} inputs, seed 2)`, () => {
  const img = new PNG({ width: 16, height: 16 });
  for (let i = 0; i < img.data.length; i++) img.data[i] = (i * 37) & 255;
  const seed = new Uint8Array(PNG.sync.write(img));
  const rng = mulberry32(2);
  const failures: string[] = [];
  let results = 0;
  let errors = 0;
  for (let i = 0; i < FUZZ_COUNTS.png; i++) {
    try {
      decodeImageBytes(mutate(seed, rng), `in-${i}.png`);
      results++;
    } catch (err) {
      if (isCandorOneLine(err)) errors++;
      else failures.push(`input ${i}: ${String(err)}`);
    }
  }
  console.log(JSON.stringify({ target: 'png', inputs: FUZZ_COUNTS.png, results, candorErrors: errors, failures: failures.length }));
  assert.deepEqual(failures, []);
});

const TRANSCRIPT_SEEDS = ['zoom.vtt', 'teams.vtt', 'named.srt', 'call.jsonl'];

/** A transcript import error: a one-line CandorError that names the file and a line. */
function isCandorWithLine(err: unknown, path: string): boolean {
  return isCandorOneLine(err) && (err as CandorError).message.startsWith(`${path}:`) && /^:\d+: /.test((err as CandorError).message.slice(path.length));
}

TRANSCRIPT_SEEDS.forEach((name, k) => {
  test(`fuzz transcript import ${name} (${FUZZ_COUNTS.transcript} inputs, seed ${10 + k})`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'candor-fuzz-'));
    try {
      const seed = readFileSync(new URL(`../engine/transcript/fixtures/${name}`, import.meta.url), 'utf8');
      const rng = mulberry32(10 + k);
      const failures: string[] = [];
      let results = 0;
      let errors = 0;
      for (let i = 0; i < FUZZ_COUNTS.transcript; i++) {
        const path = join(dir, `in-${i}-${name}`);
        writeFileSync(path, mutateText(seed, rng));
        try {
          const parsed = readTranscript(path);
          // --me: the first speaker, so that only the file's content can fail.
          assignSides(parsed, { me: speakersOf(parsed.cues)[0] });
          results++;
        } catch (err) {
          if (isCandorWithLine(err, path)) errors++;
          else failures.push(`input ${i}: ${err instanceof Error ? err.stack : String(err)}`);
        }
      }
      console.log(JSON.stringify({ target: name, inputs: FUZZ_COUNTS.transcript, results, candorErrors: errors, failures: failures.length }));
      assert.deepEqual(failures.slice(0, 5), []);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
