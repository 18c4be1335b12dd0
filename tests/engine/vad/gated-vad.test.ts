// The gated VAD (vad/gated-vad.ts) runs a block's frames in as few model
// calls as the silence gate allows. Real meeting speech with stretches of
// digital silence and of room noise, at other times on each side, so that
// each side's gate settles, skips and wakes on its own: fed in blocks of 32
// (offline), 8 (live) or 7 frames, the gates skip the same frames and the
// probabilities are those of one call per frame, bit for bit; the graph as
// published, one frame per call, skips the same frames and agrees to float32
// rounding.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import test from 'node:test';
import type * as ort from 'onnxruntime-node';
import { readMono16k } from '../../../src-main/engine/audio/read-whole';
import { VAD_FRAME } from '../../../src-main/engine/vad/frames';
import { GatedVad } from '../../../src-main/engine/vad/gated-vad';
import { loadPublishedSession, loadSession, MATMUL_TOLERANCE } from '../../../src-main/engine/vad/silero-vad';
import { rng } from '../../support/rng';
import { assertPresent, skipUnlessPresent } from '../../support/shared-data';
import { SHARED_DATA, SHARED_MODELS } from '../../support/tmp';

const MODEL = join(SHARED_MODELS, 'silero_vad_v6.onnx');
const SPEECH = ['dev00', 'dev01', 'tst00', 'tst01'].map((n) => join(SHARED_DATA, `meetings/${n}.wav`));
const SEC = 16000;

/** Speech, then `gaps` [start s, length s, kind] of digital silence or room noise at -65 dBFS laid over it. */
function withGaps(x: Float32Array, seconds: number, gaps: [number, number, 'zero' | 'noise'][], seed: number): Float32Array {
  const out = x.slice(0, seconds * SEC);
  const rnd = rng(seed);
  const level = 10 ** (-65 / 20) * Math.sqrt(3);
  for (const [at, len, kind] of gaps) {
    for (let i = at * SEC; i < (at + len) * SEC; i++) out[i] = kind === 'zero' ? 0 : (rnd() * 2 - 1) * level;
  }
  return out;
}

async function run(session: ort.InferenceSession, streams: Float32Array[], block: number): Promise<{ p: Float32Array; skipped: number[] }> {
  const vad = await GatedVad.create(streams.length, { session });
  const frames = Math.floor(streams[0].length / VAD_FRAME);
  const p = new Float32Array(frames * streams.length);
  for (let f = 0; f < frames; f += block) {
    const n = Math.min(block, frames - f);
    p.set(await vad.run(streams.map((s) => s.slice(f * VAD_FRAME, (f + n) * VAD_FRAME)), n), f * streams.length);
  }
  return { p, skipped: vad.stats().skipped };
}

test('blocks: the same skips and the same probabilities as one call per frame; the published graph skips the same frames', { skip: skipUnlessPresent([MODEL, ...SPEECH]), timeout: 600_000 }, async () => {
  assertPresent([MODEL, ...SPEECH]);
  // the four 30 s excerpts, three after another in a different order on each side
  const [d0, d1, t0, t1] = await Promise.all(SPEECH.map((f) => readMono16k(f)));
  const join3 = (parts: Float32Array[]): Float32Array => {
    const out = new Float32Array(parts.reduce((n, x) => n + x.length, 0));
    parts.reduce((at, x) => (out.set(x, at), at + x.length), 0);
    return out;
  };
  const seconds = 88;
  const [a, b] = [join3([d0, d1, t0]), join3([t1, t0, d1])];
  assert.ok(a.length >= seconds * SEC && b.length >= seconds * SEC);
  const streams = [
    withGaps(a, seconds, [[18, 12, 'zero'], [55, 14, 'noise']], 1),
    withGaps(b, seconds, [[4, 9, 'noise'], [33, 16, 'zero'], [74, 10, 'noise']], 2),
  ];
  const { session, form } = await loadSession(MODEL);
  assert.equal(form, 'matmul');
  const one = await run(session, streams, 1);
  // each side's gate settled and skipped (its model would otherwise run on every frame)
  for (const [s, n] of one.skipped.entries()) assert.ok(n > 100, `stream ${s}: ${n} frames skipped`);
  for (const block of [32, 8, 7]) {
    const r = await run(session, streams, block);
    assert.deepEqual(r.skipped, one.skipped, `blocks of ${block}: skipped frames per stream`);
    const at = r.p.findIndex((v, i) => !Object.is(v, one.p[i]));
    assert.equal(at, -1, `blocks of ${block}: frame ${Math.floor(at / 2)}, stream ${at % 2}: ${r.p[at]} against ${one.p[at]} one frame per call`);
  }
  const published = await run(await loadPublishedSession(MODEL), streams, 32);
  assert.deepEqual(published.skipped, one.skipped);
  let worst = 0;
  for (let i = 0; i < one.p.length; i++) worst = Math.max(worst, Math.abs(published.p[i] - one.p[i]));
  // the form's own bound (silero-vad.ts): its sums run in another order; 3.3e-5 here, in the room noise
  assert.ok(worst <= MATMUL_TOLERANCE, `the published graph differs by up to ${worst}`);
});
