import assert from 'node:assert/strict';
import test from 'node:test';
import { currentMonologue, longestMonologue, monologues } from '../../../src-main/engine/metrics/monologue';

test('own pauses under 2.0 s join a monologue; 2.0 s or more end it', () => {
  assert.deepEqual(monologues([[0, 10], [11.9, 20]], []), [[0, 20]]);
  assert.deepEqual(monologues([[0, 10], [12, 20]], []), [[0, 10], [12, 20]]);
});

test('a back-channel of 1.0 s or less does not end the monologue', () => {
  // "mm-hm" from them at 10.2-10.8 while I pause
  assert.equal(longestMonologue([[0, 10], [11, 30]], [[10.2, 10.8]]), 30);
  assert.equal(longestMonologue([[0, 10], [11, 30]], [[10.0, 11.0]]), 30);
});

test('a turn of theirs longer than 1.0 s ends it, even inside my pause window', () => {
  assert.equal(longestMonologue([[0, 10], [11.5, 30]], [[10.1, 11.3]]), 18.5);
});

test('their long turn over my speech cuts my speech out of the monologue', () => {
  // they talk over me from 10 to 13; what I say during it is not monologue
  assert.deepEqual(monologues([[0, 20]], [[10, 13]]), [[0, 10], [13, 20]]);
  assert.equal(longestMonologue([[0, 20]], [[10, 13]]), 10);
});

test('reported for them symmetrically ("longest customer story")', () => {
  assert.equal(longestMonologue([[5, 25]], [[0, 4], [26, 27]]), 20);
});

test('no speech, no monologue', () => {
  assert.equal(longestMonologue([], [[0, 5]]), 0);
});

test('current monologue runs while my pause is under 2 s and ends after', () => {
  assert.equal(currentMonologue([[0, 10], [11, 15]], [], 15.5), 15);
  assert.equal(currentMonologue([[0, 10], [11, 15]], [], 17.1), 0);
  assert.equal(currentMonologue([[0, 10]], [[10.5, 12]], 12), 0);
});
