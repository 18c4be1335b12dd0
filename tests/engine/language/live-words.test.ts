import assert from 'node:assert/strict';
import test from 'node:test';
import { LiveWords } from '../../../src-main/engine/language/live-words';

test('live figures: my questions and fillers, a time-ordered tail of the latest lines', () => {
  const w = new LiveWords(true, 2);
  w.add([{ side: 'me', start: 0, end: 2, text: 'Um, how big is the team' }]);
  w.add([{ side: 'me', start: 8, end: 9, text: 'So, we ship monthly.' }, { side: 'them', start: 3, end: 7, text: 'About forty. What do you cost?' }]);
  assert.deepEqual(w.snapshot(), {
    questionsMe: 1,
    fillers: 2,
    languageAvailable: true,
    transcriptTail: [{ side: 'them', start: 3, text: 'About forty. What do you cost?' }, { side: 'me', start: 8, text: 'So, we ship monthly.' }],
  });
  assert.deepEqual(w.utterances().map((u) => u.start), [0, 3, 8]);
});

test('without a speech model the figures are null, not zero', () => {
  assert.deepEqual(new LiveWords(false).snapshot(), { questionsMe: null, fillers: null, languageAvailable: false, transcriptTail: [] });
});
