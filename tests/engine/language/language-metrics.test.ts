// Every language metric on a scripted 10-minute call, against a hand count.
import assert from 'node:assert/strict';
import test from 'node:test';
import { segmentsFromUtterances } from '../../../src-main/engine/language/analyze-transcript';
import { languageMetrics } from '../../../src-main/engine/language/language-metrics';
import { DURATION_SEC, SCRIPTED_CALL } from './fixtures/scripted-call';

const segments = segmentsFromUtterances(SCRIPTED_CALL);
const m = languageMetrics({ utterances: SCRIPTED_CALL, segments, durationSec: DURATION_SEC });

test('segments: one span per utterance; a gap of exactly 0.5 s is not bridged', () => {
  assert.deepEqual(segments.me.slice(0, 3), [[0, 5], [20.3, 22], [22.5, 30]]);
  assert.equal(segments.them.length, 6);
});

test('wpm = my 81 words / my 56.3 s of talk = 86', () => {
  // 16 + 6 + 8 + 12 + 12 + 11 + 2 + 8 + 6 words; 5 + 1.7 + 7.5 + 11.8 + 5.8 + 10 + 2.5 + 6 + 6 s
  assert.equal(m.wpm, 86);
  assert.deepEqual(m.pace, { method: 'transcript', wpm: 86 });
});

test('fillers: "So," "Um," ", like," ", you know," are mine; "I like that feature" and "look like today" are not', () => {
  assert.deepEqual(m.fillers, { count: 4, perMinute: 4.26, perWord: 0.0494, byWord: { so: 1, um: 1, like: 1, 'you know': 1 } });
});

test('questions: mine with and without "?", theirs', () => {
  assert.deepEqual(m.questions, { me: 2, them: 1 });
});

test('engaging questions: the opener (14.5 s of theirs before I talk > 3 s), not "what does your reporting look like" (2.6 s)', () => {
  assert.equal(m.engagingQuestions, 1);
  assert.deepEqual(m.engagingQuestionsList.map((q) => [q.at, q.theirSec]), [[0, 14.5]]);
});

test('next steps: "Let\'s schedule ... Tuesday" at 4:40 is before the window (5:00 on); "I\'ll send ... tomorrow" counts', () => {
  assert.deepEqual(m.nextSteps, { set: true, items: [{ text: "I'll send the summary tomorrow morning.", at: 480, side: 'me' }] });
});

test('sentiment: the price complaint pulls its window far below neutral', () => {
  assert.deepEqual(m.sentiment.timeline, [[0, 73.6], [180, 29], [240, 51.8], [480, 67.3]]);
  assert.equal(m.sentiment.call, 61.6);
  assert.deepEqual(m.sentiment.bySide, { me: 62.7, them: 59.7 });
});

test('engagement per minute matches the weights by hand', () => {
  // window 0: share 21.6/53.4 -> 0.674, responses 0.5/0.4/0.5 s -> 1, turns 7.2 s -> 0.48, 1 question -> 0.5:
  // (0.3*0.674 + 0.2*1 + 0.2*0.48 + 0.15*0.5) / 0.85 = 0.674 -> 67
  assert.deepEqual(m.engagement.timeline, [[0, 67], [180, 64], [240, 38], [480, 51]]);
  assert.equal(m.engagement.call, 57);
});

test('moments: engagement falls after the price talk; sentiment recovers at "Sure."', () => {
  assert.deepEqual(m.moments, [
    { at: 240, kind: 'engagement-down', delta: -26, before: 'dollars per seat. The price is a problem, it is not good for us and I hate surprises. I understand.' },
    { at: 288, kind: 'sentiment-up', delta: 22.8, before: "is not good for us and I hate surprises. I understand. Let's schedule a follow up call on Tuesday. Sure." },
  ]);
});

test('no utterances: zeros and nulls, no crash', () => {
  const e = languageMetrics({ utterances: [], segments: { me: [], them: [] }, durationSec: 0 });
  assert.equal(e.wpm, null);
  assert.deepEqual(e.fillers, { count: 0, perMinute: 0, perWord: 0, byWord: {} });
  assert.deepEqual(e.questions, { me: 0, them: 0 });
  assert.deepEqual(e.nextSteps, { set: false, items: [] });
  assert.deepEqual(e.sentiment, { call: null, timeline: [], bySide: { me: null, them: null } });
  assert.deepEqual(e.engagement, { call: null, timeline: [] });
  assert.deepEqual(e.moments, []);
});
