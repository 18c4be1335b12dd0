// Engaging questions: >= 5.0 s of theirs before I speak again for more than 3.0 s.
import assert from 'node:assert/strict';
import test from 'node:test';
import type { Utterance } from '../../../src-main/contract/calls';
import type { Segments } from '../../../src-main/contract/report';
import { engagingQuestions } from '../../../src-main/engine/language/engaging';
import { prepareAll } from '../../../src-main/engine/language/prepare';

const Q: Utterance = { side: 'me', start: 0, end: 3, text: 'How do you handle onboarding today?' };

function count(segments: Segments, duration = 60, utterances: Utterance[] = [Q]): number {
  return engagingQuestions(prepareAll(utterances), segments, duration).length;
}

test('5.0 s of theirs is engaging, 4.9 s is not', () => {
  assert.equal(count({ me: [[0, 3], [20, 30]], them: [[3.5, 8.5]] }), 1);
  assert.equal(count({ me: [[0, 3], [20, 30]], them: [[3.5, 8.4]] }), 0);
});

test('their speech adds up over several turns; my short back-channels (<= 3 s) do not stop the count', () => {
  assert.equal(count({ me: [[0, 3], [6.5, 8], [11, 14], [20, 30]], them: [[3.5, 6.5], [8.2, 11]] }), 1); // 3 + 2.8 s, my 1.5 s and 3.0 s bits
});

test('my speaking again for more than 3.0 s stops the count', () => {
  assert.equal(count({ me: [[0, 3], [6, 9.5], [20, 30]], them: [[3.5, 6], [9.6, 15]] }), 0); // 2.5 s, then I talk 3.5 s
});

test('if my question runs on for more than 3 s in the same segment, they did not get the floor', () => {
  const q: Utterance = { side: 'me', start: 0, end: 3, text: 'What do you think?' };
  assert.equal(count({ me: [[0, 10]], them: [[10.5, 20]] }, 60, [q, { side: 'me', start: 3, end: 10, text: 'Because we think it works.' }]), 0);
});

test('their question does not count; a statement of mine does not count', () => {
  const segs: Segments = { me: [[0, 3]], them: [[3.5, 20]] };
  assert.equal(count(segs, 60, [{ ...Q, side: 'them' }]), 0);
  assert.equal(count(segs, 60, [{ ...Q, text: 'We launched last year.' }]), 0);
});

test('at the end of the call their speech counts up to the end', () => {
  assert.equal(count({ me: [[0, 3]], them: [[3.2, 9]] }, 9), 1);
});
