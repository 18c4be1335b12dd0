import assert from 'node:assert/strict';
import test from 'node:test';
import { patience, patienceGaps } from '../../../src-main/engine/metrics/patience';

test('the gap of each hand-over from them to me within 5.0 s', () => {
  // them 5.5-6 -> me at 6.2 (0.2 s); them 9.5-10.5 -> me at 16 is 5.5 s later: not a hand-over
  const gaps = patienceGaps([[0, 5], [6.2, 9], [16, 18]], [[5.5, 6], [9.5, 10.5]]);
  assert.equal(gaps.length, 1);
  assert.ok(Math.abs(gaps[0] - 0.2) < 1e-9);
});

test('counts only hand-overs without overlap, within 5.0 s inclusive', () => {
  const me: [number, number][] = [[2, 4], [10, 12], [20, 22], [30, 31]];
  const them: [number, number][] = [
    [0, 1], // -> me at 2: gap 1.0
    [5, 9.5], // -> me at 10: gap 0.5
    [11, 15], // I was still talking at 15? no: my segment ends 12; next me at 20: gap 5.0 (counts)
    [23, 24], // next me at 30: gap 6 (too long)
  ];
  assert.deepEqual(patienceGaps(me, them), [1, 0.5, 5]);
  assert.deepEqual(patience(me, them), { mean: 2.17, median: 1, count: 3 });
});

test('no hand-over when I am already talking as they stop (overlap)', () => {
  assert.deepEqual(patienceGaps([[4, 8]], [[0, 5]]), []);
});

test('their later segment owns the hand-over', () => {
  // they speak 0-2, pause, speak 3-4, then I answer at 4.8
  const gaps = patienceGaps([[4.8, 6]], [[0, 2], [3, 4]]);
  assert.equal(gaps.length, 1);
  assert.ok(Math.abs(gaps[0] - 0.8) < 1e-9);
});

test('null without hand-overs', () => {
  assert.deepEqual(patience([[0, 3]], []), { mean: null, median: null, count: 0 });
});
