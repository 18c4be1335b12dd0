// Engagement: non-emotion signals, one weights table, vision optional.
import assert from 'node:assert/strict';
import test from 'node:test';
import type { VisionSample } from '../../../src-main/contract/calls';
import { engagement, engagementScore, ENGAGEMENT_WEIGHTS } from '../../../src-main/engine/language/engagement';
import { callSignals, responseGaps, windowSignals } from '../../../src-main/engine/language/engagement-signals';

test('the weights sum to 1', () => {
  assert.equal(Math.round(Object.values(ENGAGEMENT_WEIGHTS).reduce((a, b) => a + b, 0) * 1e9) / 1e9, 1);
});

test('score: missing signals are left out and the rest renormalised', () => {
  const none = { responseSpeed: null, turnLength: null, theirQuestions: null, cameraOn: null, facesVisible: null, facing: null };
  assert.equal(engagementScore({ ...none, theirShare: 0.5 }), 50);
  assert.equal(engagementScore({ ...none, theirShare: 1, turnLength: 0 }), 60); // 0.3 / 0.5
  assert.equal(engagementScore({ theirShare: 1, responseSpeed: 1, turnLength: 1, theirQuestions: 1, cameraOn: 1, facesVisible: 1, facing: 1 }), 100);
  assert.equal(engagementScore({ ...none, theirShare: null }), null);
});

test('response gaps: their next segment after mine, only if I did not speak again first, within 5 s', () => {
  const gaps = responseGaps([[0, 2], [3, 4], [10, 11], [30, 31]], [[2.5, 2.9], [4.3, 9], [11.8, 20], [40, 45]]);
  // [30, 31] -> [40, 45] is 9 s: not a response
  assert.deepEqual(gaps.map(([t, g]) => [t, Math.round(g * 1000) / 1000]), [[2, 0.5], [4, 0.3], [11, 0.8]]);
});

test('one window by hand, without and with vision', () => {
  const segments = { me: [[0, 10], [20, 30]] as [number, number][], them: [[11, 19], [30.5, 50]] as [number, number][] };
  // share 27.5/47.5 = 0.579 -> 0.965; gaps 1.0 and 0.5 -> mean 0.75 -> 0.9; turns (8 + 19.5)/2 = 13.75 -> 0.917
  const s = windowSignals({ segments, durationSec: 60, prepared: null })[0];
  assert.equal(Math.round(s.theirShare! * 1000), 965);
  assert.equal(Math.round(s.responseSpeed! * 1000), 900);
  assert.equal(Math.round(s.turnLength! * 1000), 917);
  assert.equal(s.theirQuestions, null); // no transcript: no evidence, not zero
  // (0.3*0.965 + 0.2*0.9 + 0.2*0.917) / 0.7 = 0.933
  assert.deepEqual(engagement({ segments, durationSec: 60, prepared: null }).timeline, [[0, 93]]);
  const vision: VisionSample[] = [
    { t: 5, facesVisible: 1, facingCount: 1, cameraOn: true },
    { t: 15, facesVisible: 2, facingCount: 1, cameraOn: true },
    { t: 25, facesVisible: 0, facingCount: 0, cameraOn: false },
    { t: 35, facesVisible: 1, facingCount: 0, cameraOn: true },
  ];
  // camera 0.75, faces 0.75, facing (1 + 0.5 + 0) / 3 = 0.5
  // (0.2895 + 0.18 + 0.1833 + 0.05*0.75 + 0.05*0.75 + 0.05*0.5) / 0.85 = 0.888
  assert.deepEqual(engagement({ segments, durationSec: 60, prepared: null, vision }).timeline, [[0, 89]]);
});

test('a silent minute has no point; the call score uses the whole call', () => {
  const segments = { me: [[0, 20]] as [number, number][], them: [[20.5, 40], [130, 170]] as [number, number][] };
  const e = engagement({ segments, durationSec: 180, prepared: null });
  assert.deepEqual(e.timeline.map((p) => p[0]), [0, 120]);
  const c = callSignals({ segments, durationSec: 180, prepared: null });
  assert.equal(Math.round(c.theirShare! * 1000), 1000); // 59.5 / 79.5 = 0.75 >= 0.6
});

test('response gaps are hand-overs: a back-channel of theirs during my speech is not a response', () => {
  // I talk 0-6, they say "mm" at 3-3.4, then answer at 6.8: one response of 0.8 s, not 0
  const gaps = responseGaps([[0, 6]], [[3, 3.4], [6.8, 9]]);
  assert.deepEqual(gaps.map(([t, g]) => [t, Math.round(g * 1000) / 1000]), [[6, 0.8]]);
  // they were already talking when I stopped: overlap, no response
  assert.deepEqual(responseGaps([[0, 5]], [[4, 8]]), []);
});
