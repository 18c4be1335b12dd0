// Questions: a question mark, or an interrogative/auxiliary opening without one.
import assert from 'node:assert/strict';
import test from 'node:test';
import { isQuestion } from '../../../src-main/engine/language/questions';

const YES = [
  'Is that okay?',
  'right?',
  'what do you use today',
  'How many people are on the team',
  'Could you send me the deck',
  'do you have a budget for this',
  'is there anyone else involved',
  "What's your timeline",
  'Okay. So what happens after the trial',
  'Um, how long does onboarding take',
  'Which one do you prefer',
  'Have you tried the export',
  'What about security',
  "Don't you think that's risky",
  'Are the numbers final',
  'Who else signs off on this',
];
const NO = [
  'When we launched, it was slow.',
  'What a day.',
  'How nice.',
  'Do it now.',
  "Don't worry about it.",
  'I know what you mean.',
  'That is how we do it.',
  'Will do.',
  'Could be.',
  'Have a look at the doc.',
  'The question is how we price it.',
  '',
];

for (const q of YES) test(`question: "${q}"`, () => assert.equal(isQuestion(q), true));
for (const s of NO) test(`not a question: "${s}"`, () => assert.equal(isQuestion(s), false));
