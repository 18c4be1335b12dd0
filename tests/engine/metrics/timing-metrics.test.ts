import assert from 'node:assert/strict';
import test from 'node:test';
import { acousticPace } from '../../../src-main/engine/metrics/pace';
import { bridgeSpans, subtract, union } from '../../../src-main/engine/metrics/spans';
import { computeTimingMetrics } from '../../../src-main/engine/metrics/timing-metrics';

test('talk time, share and silence share', () => {
  const m = computeTimingMetrics({ me: [[0, 30], [40, 50]], them: [[30, 40], [55, 75]] }, 100);
  assert.deepEqual(m.talkSec, { me: 40, them: 30 });
  assert.equal(m.talkShare, 0.571);
  assert.equal(m.silenceShare, 0.3);
});

test('overlap counts once for silence but for both sides in talk time', () => {
  const m = computeTimingMetrics({ me: [[0, 10]], them: [[5, 15]] }, 20);
  assert.deepEqual(m.talkSec, { me: 10, them: 10 });
  assert.equal(m.silenceShare, 0.25);
});

test('nobody spoke: share null, silence 1', () => {
  const m = computeTimingMetrics({ me: [], them: [] }, 10);
  assert.equal(m.talkShare, null);
  assert.equal(m.silenceShare, 1);
  assert.equal(m.pace.wpm, null);
});

test('acoustic pace: syllables per second and wpm = syllables per minute / 1.4', () => {
  assert.deepEqual(acousticPace(350, 100), { method: 'acoustic', wpm: 150, syllablesPerSec: 3.5 });
  assert.equal(acousticPace(5, 2).wpm, null);
});

test('span helpers', () => {
  assert.deepEqual(bridgeSpans([[0, 1], [1.4, 2], [2.6, 3]], 0.5), [[0, 2], [2.6, 3]]);
  assert.deepEqual(subtract([[0, 10]], [[2, 3], [5, 6]]), [[0, 2], [3, 5], [6, 10]]);
  assert.deepEqual(union([[0, 2]], [[1, 3], [5, 6]]), [[0, 3], [5, 6]]);
});
