// The history search while typing: the last, unfinished word goes to the
// store as a prefix; an ended word, a closed quote or a typed * as typed;
// never more than the contract's 200 characters.
import assert from 'node:assert/strict';
import test from 'node:test';
import { LIMITS } from '../../../src-main/contract/engine-api';
import { searchParts } from '../../../src-main/engine/store/fts-query';
import { searchWhileTyping } from '../../../src-renderer/history/search-query';

test('a half-typed last word is a prefix', () => {
  assert.equal(searchWhileTyping('budg'), 'budg*');
  assert.equal(searchWhileTyping('  finance le'), 'finance le*');
  assert.equal(searchWhileTyping('café'), 'café*');
  assert.equal(searchWhileTyping('q3'), 'q3*');
  assert.equal(searchWhileTyping("don'"), "don'*");
});

test('an ended word is sent as typed', () => {
  assert.equal(searchWhileTyping('budget '), 'budget', 'a space ends the word');
  assert.equal(searchWhileTyping('budget\t'), 'budget');
  assert.equal(searchWhileTyping('budget,'), 'budget,', 'punctuation ends the word');
  assert.equal(searchWhileTyping('budg*'), 'budg*', 'a typed * is not doubled');
  assert.equal(searchWhileTyping('"finance lead"'), '"finance lead"', 'a closed quote is a whole phrase');
});

test('an open quote makes its last word a prefix of the phrase', () => {
  assert.equal(searchWhileTyping('"finance le'), '"finance le*');
  assert.equal(searchWhileTyping('"'), '"', 'nothing typed in the quote yet');
  assert.deepEqual(searchParts(searchWhileTyping('"finance le')), [{ words: ['finance', 'le'], prefix: true }]);
});

test('only the last word is a prefix, as the store reads it', () => {
  assert.deepEqual(searchParts(searchWhileTyping('pricing budg')), [
    { words: ['pricing'], prefix: false },
    { words: ['budg'], prefix: true },
  ]);
  assert.deepEqual(searchParts(searchWhileTyping('pricing budget ')), [
    { words: ['pricing'], prefix: false },
    { words: ['budget'], prefix: false },
  ]);
});

test('nothing typed is nothing to search', () => {
  assert.equal(searchWhileTyping(''), '');
  assert.equal(searchWhileTyping('   '), '');
});

test('the query never passes the contract cap of 200 characters', () => {
  assert.equal(LIMITS.queryLength, 200);
  const almost = 'a'.repeat(LIMITS.queryLength - 1);
  assert.equal(searchWhileTyping(almost), `${almost}*`, 'room for the *: a prefix');
  const full = `${'budget '.repeat(28)}budg`.slice(-LIMITS.queryLength);
  assert.equal(full.length, LIMITS.queryLength);
  assert.equal(searchWhileTyping(full), full, 'no room: the last word is searched as typed');
  assert.equal(searchWhileTyping(`   ${almost}`), `${almost}*`, 'leading spaces do not count');
  assert.equal(searchWhileTyping(`${almost} `).length, LIMITS.queryLength - 1);
});
