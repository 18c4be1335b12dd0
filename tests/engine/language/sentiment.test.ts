// Sentiment: VADER mapped to 0..100 (50 neutral), negation, fillers removed, windows.
import assert from 'node:assert/strict';
import test from 'node:test';
import type { Utterance } from '../../../src-main/contract/calls';
import { findFillers } from '../../../src-main/engine/language/fillers';
import { prepareAll } from '../../../src-main/engine/language/prepare';
import { sentimentScore, toScore, withoutFillers } from '../../../src-main/engine/language/sentiment';
import { sentimentTimeline, utteranceScores } from '../../../src-main/engine/language/sentiment-timeline';
import { tokenize } from '../../../src-main/engine/language/tokenize';

test('negation: "not good" is below neutral, "good" above, plain facts neutral', () => {
  assert.equal(sentimentScore('This is good.'), 72);
  assert.equal(sentimentScore('This is not good.'), 32.9);
  assert.ok(sentimentScore('This is not good.') < 50);
  assert.equal(sentimentScore('The meeting is on the fourth floor.'), 50);
  assert.ok(sentimentScore('This is not bad at all.') > 50);
});

test('mapping: compound -1..1 to 0..100', () => {
  assert.equal(toScore(-1), 0);
  assert.equal(toScore(0), 50);
  assert.equal(toScore(1), 100);
  assert.equal(toScore(0.4404), 72);
});

test('a filler "like" is cut out before scoring; the verb "like" stays', () => {
  const text = 'It was, like, fine.';
  const t = tokenize(text);
  assert.equal(withoutFillers(text, t, findFillers(t)), 'It was, fine.');
  assert.equal(prepareAll([{ side: 'me', start: 0, end: 1, text }])[0].compound, prepareAll([{ side: 'me', start: 0, end: 1, text: 'It was fine.' }])[0].compound);
  assert.ok(sentimentScore('I like it.') > 50);
});

test('timeline: 60 s windows by utterance midpoint, word-weighted; empty windows have no point', () => {
  const u = (side: 'me' | 'them', start: number, end: number, text: string): Utterance => ({ side, start, end, text });
  const p = prepareAll([
    u('me', 10, 20, 'This is good.'), // 3 words, 0.4404
    u('them', 50, 70, 'This is not good.'), // midpoint 60 -> window 1
    u('them', 150, 155, 'okay'), // window 2: 0.2263
  ]);
  assert.deepEqual(utteranceScores(p), [72, 32.9, 61.3]);
  const s = sentimentTimeline(p, 180);
  assert.deepEqual(s.timeline, [[0, 72], [60, 32.9], [120, 61.3]]);
  // call: (3*0.4404 + 4*-0.3412 + 1*0.2263) / 8 = 0.0215 -> 51.1
  assert.equal(s.call, 51.1);
  assert.deepEqual(s.bySide, { me: 72, them: 38.6 }); // (4*-0.3412 + 0.2263) / 5
});
