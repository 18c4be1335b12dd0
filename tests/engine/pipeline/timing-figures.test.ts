// Issue 12's timing figures, asserted: segment edges and patience against
// known truth on synthetic two-channel calls (espeak-ng voices and LibriVox
// read speech; clean, noisy, with bleed, with loud clipped bleed during
// double talk), with plain Silero v6 measured in the same run as the
// baseline. `npm run bench:timing` prints the same figures.
import assert from 'node:assert/strict';
import test from 'node:test';
import { espeakCalls, LIBRIVOX_CLIPS, librivoxCalls, loudBleedCall, type NamedCall } from '../../support/timing-calls';
import { boundaryFigures, patienceFigures, runCalls } from '../../support/timing-figures';
import { assertPresent, skipUnlessPresent } from '../../support/shared-data';
import { SHARED_MODELS } from '../../support/tmp';

process.env.CANDOR_MODELS_DIR ??= SHARED_MODELS;

test('segment edges within 50 ms (median) and 120 ms (p95) of the sound; patience within 0.1 s', { skip: skipUnlessPresent(LIBRIVOX_CLIPS) }, async () => {
  assertPresent(LIBRIVOX_CLIPS);
  const calls: NamedCall[] = [...espeakCalls(), ...librivoxCalls(), { name: 'loud bleed', call: loudBleedCall() }];
  const candor = await runCalls(calls, 'candor');
  const plain = await runCalls(calls, 'plainSilero');
  const b = boundaryFigures(candor.calls);
  const base = boundaryFigures(plain.calls);
  const show = JSON.stringify({ candor: b, plainSilero: base });
  assert.equal(b.missed + b.extra, 0, `every true segment found once, nothing else: ${show}`);
  for (const edge of ['onset', 'offset'] as const) {
    assert.ok(b[edge].medianAbsMs <= 50, `${edge} median: ${show}`);
    assert.ok(b[edge].p95AbsMs <= 120, `${edge} p95: ${show}`);
  }
  // the baseline's frame edges and hangover are what the refinement removes
  assert.ok(base.offset.medianAbsMs > 2 * b.offset.medianAbsMs, `offsets vs plain Silero: ${show}`);
  const p = patienceFigures(candor.calls);
  assert.equal(p.calls, calls.length, JSON.stringify(p));
  assert.equal(p.countMismatches, 0, JSON.stringify(p));
  assert.ok(p.maxAbsErrorOfMeanSec <= 0.1 && p.maxAbsErrorOfMedianSec <= 0.1, `patience error per call (s): ${JSON.stringify(p)}`);
});
