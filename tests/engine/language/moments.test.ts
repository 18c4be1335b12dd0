// Moments: sharp rises and falls between neighbouring windows, with the words before.
import assert from 'node:assert/strict';
import test from 'node:test';
import type { Utterance } from '../../../src-main/contract/calls';
import { findMoments, wordsBefore } from '../../../src-main/engine/language/moments';
import { prepareAll } from '../../../src-main/engine/language/prepare';

const u = (side: 'me' | 'them', start: number, end: number, text: string): Utterance => ({ side, start, end, text });

test('words before a time: the last 20 words of utterances that started before it', () => {
  const p = prepareAll([u('me', 0, 5, 'one two three'), u('them', 5, 9, 'four five'), u('me', 70, 75, 'later words')]);
  const starts = p.map((x) => x.u.start);
  assert.equal(wordsBefore(p, starts, 60), 'one two three four five');
  assert.equal(wordsBefore(p, starts, 60, 3), 'three four five');
  assert.equal(wordsBefore(p, starts, 0), '');
});

test('engagement jumps of >= 20 points between neighbouring windows; gaps break the chain', () => {
  const p = prepareAll([u('me', 50, 58, 'and the new analytics feature ships next month')]);
  const m = findMoments(p, [[0, 40], [60, 70], [120, 55], [240, 10]], []);
  assert.deepEqual(m, [{ at: 60, kind: 'engagement-up', delta: 30, before: 'and the new analytics feature ships next month' }]);
});

test('sentiment fall: `at` is the end of the most negative utterance of the later window', () => {
  const p = prepareAll([
    u('them', 10, 20, 'This is great, we love it.'),
    u('me', 62, 70, 'The price is forty dollars a seat.'),
    u('them', 71, 80, 'That is terrible, we hate that.'),
    u('them', 81, 85, 'Okay.'),
  ]);
  const m = findMoments(p, [], [[0, 80], [60, 40]]);
  assert.deepEqual(m, [{ at: 80, kind: 'sentiment-down', delta: -40, before: 'This is great, we love it. The price is forty dollars a seat. That is terrible, we hate that.' }]);
});

test('changes below 20 points are not moments', () => {
  assert.deepEqual(findMoments([], [[0, 50], [60, 69.9]], [[0, 50], [60, 30.1]]), []);
});
