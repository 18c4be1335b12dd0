// Next steps: commitment + time reference, only in the last third or the last 5 minutes.
import assert from 'node:assert/strict';
import test from 'node:test';
import type { Utterance } from '../../../src-main/contract/calls';
import { isNextStep, nextSteps, nextStepsWindowStart } from '../../../src-main/engine/language/next-steps';
import { prepareAll } from '../../../src-main/engine/language/prepare';

const YES = [
  "Let's schedule a call on Tuesday.",
  "I'll send the proposal by Friday.",
  'Can we meet next week?',
  "I'll follow up tomorrow.",
  'Does March 3rd work for you?',
  "We'll get back to you in two days.",
  'Could you send the contract by end of the week?',
  "Let's book a demo at 3 pm.",
  'How about Thursday at 10:30?',
  'Next step: I will share the deck on 5/14.',
];
const NO = [
  'We should talk more sometime.',
  'Tuesday was a busy day.',
  "I won't send it Tuesday.",
  "Let's talk about pricing today.",
  "I'll send it over.",
  'Next week we have a holiday.',
];
for (const s of YES) test(`next step: "${s}"`, () => assert.equal(isNextStep(s), true));
for (const s of NO) test(`not a next step: "${s}"`, () => assert.equal(isNextStep(s), false));

test('the window is the last third or the last 5 minutes, whichever is longer', () => {
  assert.equal(nextStepsWindowStart(1800), 1200); // 30 min: last third from 20:00
  assert.equal(nextStepsWindowStart(600), 300); // 10 min: last 5 minutes from 5:00
  assert.equal(nextStepsWindowStart(120), 0); // 2 min: the whole call
});

test('a next step outside the window does not count', () => {
  const u = (start: number, text: string): Utterance => ({ side: 'them', start, end: start + 4, text });
  const calls = prepareAll([u(1100, "Let's meet on Monday."), u(1250, "I'll email you tomorrow."), u(1700, 'Thanks, bye.')]);
  assert.deepEqual(nextSteps(calls, 1800), { set: true, items: [{ text: "I'll email you tomorrow.", at: 1250, side: 'them' }] });
  assert.deepEqual(nextSteps(prepareAll([u(1100, "Let's meet on Monday.")]), 1800), { set: false, items: [] });
});
