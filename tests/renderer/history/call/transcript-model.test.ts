// The transcript's view model on the real engine output: every line, with
// speaker and time, my fillers cut out of the text exactly where the engine
// found them, and the marks that match the report's figures.
import assert from 'node:assert/strict';
import test from 'node:test';
import { lineAt, markHits, searchLines, splitFillers, transcriptLines } from '../../../../src-renderer/history/call/transcript-model';
import { callViewOf, REVIEW_CALL, REVIEW_ME } from '../support/call-view';

const call = callViewOf(REVIEW_CALL, REVIEW_ME);
const m = call.report!.metrics;
const lines = transcriptLines(call);

test('every utterance is a line with speaker and time', () => {
  assert.equal(lines.length, call.utterances.length);
  assert.equal(lines[0].speaker, 'Ana Lopez (you)');
  assert.equal(lines[1].speaker, 'Ben Ode');
  assert.equal(lines[5].time, '0:33');
  lines.forEach((l, i) => assert.equal(l.parts.map((p) => p.text).join(''), call.utterances[i].text, 'no text lost'));
});

test('the highlighted fillers are the ones the filler figure counts', () => {
  const highlighted = lines.flatMap((l) => l.parts.filter((p) => p.filler).map((p) => p.text.toLowerCase()));
  assert.equal(highlighted.length, m.fillers!.count);
  const byWord: Record<string, number> = {};
  for (const w of highlighted) byWord[w] = (byWord[w] ?? 0) + 1;
  assert.deepEqual(byWord, m.fillers!.byWord);
  assert.ok(lines.filter((l) => l.side === 'them').every((l) => l.parts.every((p) => !p.filler)), 'their words are not my fillers');
});

test('questions, engaging questions and next steps are marked as counted', () => {
  assert.equal(lines.filter((l) => l.question && l.side === 'me').length, m.questions!.me);
  assert.equal(lines.filter((l) => l.question && l.side === 'them').length, m.questions!.them);
  assert.deepEqual(lines.filter((l) => l.engaging).map((l) => l.start), m.engagingQuestionsList!.map((q) => q.at));
  assert.deepEqual(lines.filter((l) => l.nextStep).map((l) => l.text), m.nextSteps!.items.map((s) => s.text));
});

test('search within the call: every word, any case, speaker names too', () => {
  assert.deepEqual(searchLines(lines, 'TUESDAY').map((i) => lines[i].start), [352.5, 362.5, 366.5]);
  assert.deepEqual(searchLines(lines, 'tuesday invite').map((i) => lines[i].start), [366.5]);
  assert.ok(searchLines(lines, 'chloe').length >= 5);
  assert.deepEqual(searchLines(lines, '  '), []);
});

test('the line at a time is the last one started', () => {
  assert.equal(lineAt(lines, -1), -1);
  assert.equal(lineAt(lines, 0), 0);
  assert.equal(lineAt(lines, 34), 5);
  assert.equal(lineAt(lines, 10_000), lines.length - 1);
});

test('fillers split the text without losing a character', () => {
  assert.deepEqual(splitFillers('Um, so it is, like, fine', [[0, 2], [14, 18]]), [
    { text: 'Um', filler: true }, { text: ', so it is, ', filler: false }, { text: 'like', filler: true }, { text: ', fine', filler: false }]);
  assert.deepEqual(splitFillers('', []), [{ text: '', filler: false }]);
});

test('search words are marked inside the line, fillers kept', () => {
  const parts = splitFillers('Um, Tuesday works, um, tuesday.', [[0, 2], [19, 21]]);
  const marked = markHits(parts, 'TUESDAY um');
  assert.equal(marked.map((p) => p.text).join(''), 'Um, Tuesday works, um, tuesday.');
  assert.deepEqual(marked.filter((p) => p.hit).map((p) => [p.text, p.filler]), [['Um', true], ['Tuesday', false], ['um', true], ['tuesday', false]]);
  assert.deepEqual(markHits(parts, ' '), parts);
});
