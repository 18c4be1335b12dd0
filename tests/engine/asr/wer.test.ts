import assert from 'node:assert/strict';
import test from 'node:test';
import { normalizeForWer, wordErrorRate } from '../../../src-main/engine/asr/wer';

test('normalisation: case, punctuation, apostrophes, hyphens', () => {
  assert.deepEqual(normalizeForWer("And so, my fellow Americans: ask not — don't ask-what!"), ['and', 'so', 'my', 'fellow', 'americans', 'ask', 'not', 'dont', 'ask', 'what']);
});

test('identical text is 0, counts of each error kind are exact', () => {
  const ref = 'And so my fellow Americans, ask not what your country can do for you, ask what you can do for your country.';
  assert.deepEqual(wordErrorRate(ref, ref.toUpperCase()), { wer: 0, substitutions: 0, deletions: 0, insertions: 0, referenceWords: 22 });
  // one alignment costs 3 (two->too, four deleted, seven inserted); every other costs more
  const r = wordErrorRate('one two three four five six', 'one too three five six seven');
  assert.deepEqual(r, { wer: 3 / 6, substitutions: 1, deletions: 1, insertions: 1, referenceWords: 6 });
});

test('empty reference or hypothesis', () => {
  assert.equal(wordErrorRate('', '').wer, 0);
  assert.equal(wordErrorRate('', 'hello').wer, 1);
  assert.deepEqual(wordErrorRate('a b c', ''), { wer: 1, substitutions: 0, deletions: 3, insertions: 0, referenceWords: 3 });
});
