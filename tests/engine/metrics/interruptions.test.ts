import assert from 'node:assert/strict';
import test from 'node:test';
import { countInterruptions } from '../../../src-main/engine/metrics/interruptions';

test('I interrupt: my >= 1.0 s segment starts after they spoke >= 1.0 s and they go on >= 0.3 s', () => {
  assert.equal(countInterruptions([[3, 5]], [[0, 4]]), 1);
});

test('not an interruption: they had spoken less than 1.0 s', () => {
  assert.equal(countInterruptions([[3, 5]], [[2.2, 6]]), 0);
});

test('not an interruption: they stopped within 0.3 s of my start', () => {
  assert.equal(countInterruptions([[3, 5]], [[0, 3.2]]), 0);
});

test('not an interruption: my segment is shorter than 1.0 s (a back-channel)', () => {
  assert.equal(countInterruptions([[3, 3.8]], [[0, 6]]), 0);
});

test('boundaries are inclusive', () => {
  assert.equal(countInterruptions([[3, 4]], [[2, 3.3]]), 1);
});

test('symmetric for them', () => {
  assert.equal(countInterruptions([[10, 15]], [[0, 12]]), 1);
});
