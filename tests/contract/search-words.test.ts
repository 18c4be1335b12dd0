// What a search counts as a word, and whether typing stopped inside one; the
// store's query parser reads the same words.
import assert from 'node:assert/strict';
import test from 'node:test';
import { endsInWord, searchWords } from '../../src-main/contract/search-words';
import { searchParts } from '../../src-main/engine/store/fts-query';

const SAMPLES = ["budget's Q3 review", 'café – naïve, déjà vu', 'a AND (b OR c) NOT d: e^', 'e-mail 2024/25', '日本語 テキスト', '   ', "don't  stop"];

test('words: letters, digits and apostrophes, anything else between them', () => {
  assert.deepEqual(searchWords("budget's Q3 review"), ["budget's", 'Q3', 'review']);
  assert.deepEqual(searchWords('e-mail 2024/25'), ['e', 'mail', '2024', '25']);
  assert.deepEqual(searchWords('café – naïve'), ['café', 'naïve']);
  assert.deepEqual(searchWords(' ( * ) '), []);
});

test('the store reads the same words', () => {
  for (const s of SAMPLES) assert.deepEqual(searchParts(s).flatMap((p) => p.words), searchWords(s), s);
});

test('ends in a word: a letter, digit or apostrophe last', () => {
  for (const s of ['budg', 'Q3', "don'", 'naï', '"finance le']) assert.equal(endsInWord(s), true, s);
  for (const s of ['budget ', 'budg*', '"finance lead"', 'budget,', '', '-']) assert.equal(endsInWord(s), false, s);
});
