// Transcript marks: my fillers as exact character ranges (theirs are not my
// fillers), questions by the METRICS.md rule, and the report's engaging
// questions and next steps on their own lines.
import assert from 'node:assert/strict';
import test from 'node:test';
import type { Utterance } from '../../../src-main/contract/calls';
import { analyzeTranscript } from '../../../src-main/engine/language/analyze-transcript';
import { transcriptMarks } from '../../../src-main/engine/service/transcript-marks';
import { DURATION_SEC, SCRIPTED_CALL } from '../language/fixtures/scripted-call';

test('fillers, questions, engaging questions and next steps of the scripted call', () => {
  const report = analyzeTranscript({ file: 'scripted', utterances: SCRIPTED_CALL, durationSec: DURATION_SEC });
  const marks = transcriptMarks(SCRIPTED_CALL, report);
  assert.equal(marks.length, SCRIPTED_CALL.length);
  const text = (i: number): string[] => marks[i].fillers.map(([s, e]) => SCRIPTED_CALL[i].text.slice(s, e));
  assert.deepEqual(text(0), ['So']);
  assert.deepEqual(text(3), ['Um']);
  assert.deepEqual(text(5), ['like', 'you know']);
  assert.deepEqual(text(7), [], '"I like that feature" is not a filler');
  assert.equal(marks.reduce((a, m) => a + m.fillers.length, 0), report.metrics.fillers!.count);
  assert.equal(marks.filter((m, i) => m.question && SCRIPTED_CALL[i].side === 'me').length, report.metrics.questions!.me);
  assert.ok(report.metrics.engagingQuestions! >= 1 && report.metrics.nextSteps!.items.length >= 1, 'the fixture has both');
  assert.deepEqual(marks.flatMap((m, i) => (m.engaging ? [SCRIPTED_CALL[i].start] : [])), report.metrics.engagingQuestionsList!.map((q) => q.at));
  assert.deepEqual(marks.flatMap((m, i) => (m.nextStep ? [SCRIPTED_CALL[i].text] : [])), report.metrics.nextSteps!.items.map((s) => s.text));
});

test('their hesitations are not marked, and a call without a report has only its own marks', () => {
  const us: Utterance[] = [{ side: 'them', start: 0, end: 3, text: 'Um, do you support exports?' }];
  const [m] = transcriptMarks(us, null);
  assert.deepEqual(m, { fillers: [], question: true, engaging: false, nextStep: false });
});
