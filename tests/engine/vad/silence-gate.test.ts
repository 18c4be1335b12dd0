// The silence gate (vad/silence-gate.ts): which frames the VAD may skip. The
// rule is checked on its own, then on real speech: what the analysis calls
// speech with Silero run on every frame is still speech with the gate on,
// for real recordings at their own level and 30 dB quieter, with digital
// silence and room noise between the turns.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import test from 'node:test';
import { readMono16k } from '../../../src-main/engine/audio/read-whole';
import { GatedVad } from '../../../src-main/engine/vad/gated-vad';
import { MARGIN_DB, QUIET_P, SETTLE_FRAMES, SilenceGate } from '../../../src-main/engine/vad/silence-gate';
import { VAD_FRAME } from '../../../src-main/engine/vad/frames';
import { AnalysisPipeline } from '../../../src-main/engine/pipeline/analysis-pipeline';
import { rng } from '../../support/rng';
import { assertPresent, skipUnlessPresent } from '../../support/shared-data';
import { SHARED_DATA, SHARED_MODELS } from '../../support/tmp';

process.env.CANDOR_MODELS_DIR ??= SHARED_MODELS;

const frameOf = (level: number, rnd?: () => number): Float32Array =>
  Float32Array.from({ length: VAD_FRAME }, () => (rnd ? (rnd() - 0.5) * 2 * level : level));

test('skips only after the model has been quiet for SETTLE_FRAMES frames near the noise floor', () => {
  const g = new SilenceGate();
  const zero = new Float32Array(VAD_FRAME);
  for (let i = 0; i < SETTLE_FRAMES; i++) {
    assert.equal(g.skip(zero), false, `frame ${i} comes before the model has settled`);
    g.observe(QUIET_P / 2);
  }
  assert.equal(g.skip(zero), true);
  assert.equal(g.skipped, 1);
});

test('never skips while the model still hears speech, nor a frame above the floor', () => {
  const rnd = rng(3);
  const g = new SilenceGate();
  const noise = (): Float32Array => frameOf(1e-3, rnd);
  for (let i = 0; i < SETTLE_FRAMES * 2; i++) {
    assert.equal(g.skip(noise()), false);
    g.observe(QUIET_P); // not below QUIET_P: still counts as maybe speech
  }
  for (let i = 0; i < SETTLE_FRAMES + 2; i++) {
    if (!g.skip(noise())) g.observe(0);
  }
  assert.equal(g.skip(noise()), true, 'settled on the room noise');
  // a frame 6 dB over the floor (twice the amplitude) is new: the model runs
  const louder = frameOf(1e-3 * 10 ** ((MARGIN_DB + 3) / 20), rnd);
  assert.equal(g.skip(louder), false);
  g.observe(0);
  assert.equal(g.skip(noise()), false, 'after something new, the stream settles again first');
});

const CLIPS = ['jfk.flac', 'pyannote_sample.wav', 'meetings/dev00.wav', 'meetings/tst01.wav'].map((f) => join(SHARED_DATA, f));

/** Speech per 10 ms of the analysis pipeline's segments (refined edges, bridging), with the VAD gated or not. */
async function speechMask(x: Float32Array, gate: boolean): Promise<{ mask: Uint8Array; skipped: number; frames: number }> {
  const vad = await GatedVad.create(1, { gate });
  const p = new AnalysisPipeline({ sides: ['them'], vad });
  for (let at = 0; at < x.length; at += 16000) {
    p.push('them', x.slice(at, at + 16000));
    await p.process();
  }
  await p.finish();
  const mask = new Uint8Array(Math.ceil(x.length / 160));
  for (const [a, b] of p.segments(false).them) mask.fill(1, Math.round(a * 100), Math.round(b * 100));
  return { mask, skipped: vad.stats().skipped[0], frames: vad.stats().frames[0] };
}

// Skipping freezes the model's memory after 5 s of quiet, where running on
// would let it drift a little (it never settles exactly; silence-gate.ts),
// so an edge may move by a frame. What the user sees may lose at most 0.1%
// of the speech time.
test('real speech: the gate loses no speech, at full level and 30 dB quieter', { skip: skipUnlessPresent(CLIPS), timeout: 600_000 }, async () => {
  assertPresent(CLIPS);
  const rnd = rng(11);
  const clips = await Promise.all(CLIPS.map((f) => readMono16k(f)));
  for (const gain of [1, 10 ** (-30 / 20)]) {
    // turns of each clip (up to 40 s) with 8 s of digital silence, then 8 s of room noise at -65 dBFS, between them
    const parts: Float32Array[] = [];
    for (const c of clips) {
      parts.push(c.subarray(0, 40 * 16000).map((v) => v * gain));
      parts.push(new Float32Array(8 * 16000));
      parts.push(Float32Array.from({ length: 8 * 16000 }, () => (rnd() - 0.5) * 2 * 10 ** (-65 / 20) * Math.sqrt(3)));
    }
    const x = new Float32Array(parts.reduce((s, p) => s + p.length, 0));
    let at = 0;
    for (const p of parts) {
      x.set(p, at);
      at += p.length;
    }
    const every = await speechMask(x, false);
    const gated = await speechMask(x, true);
    let speech = 0;
    let lost = 0;
    for (let i = 0; i < every.mask.length; i++) {
      speech += every.mask[i];
      if (every.mask[i] && !gated.mask[i]) lost++;
    }
    const share = gated.skipped / gated.frames;
    const at_ = `at gain ${gain.toFixed(3)}`;
    assert.equal(every.skipped, 0);
    assert.ok(speech > 40 * 100, `the clips hold speech (${speech / 100} s ${at_})`);
    assert.ok(lost <= speech * 0.001, `speech lost by the gate ${at_}: ${lost / 100} s of ${speech / 100} s`);
    assert.ok(share > 0.08, `the gate skipped ${(share * 100).toFixed(1)}% of frames ${at_}: the silences should be skipped`);
  }
});
