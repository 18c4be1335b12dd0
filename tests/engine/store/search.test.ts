// Search: words are words, a prefix is written budg*, a quoted phrase means
// adjacent words; each transcript hit says when in the call it matched.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import test from 'node:test';
import { CallStore } from '../../../src-main/engine/store/calls-store';
import { toFtsQuery } from '../../../src-main/engine/store/fts-query';
import { tempDir } from '../../support/tmp';
import { FILLER, saveCallWith } from './support/history';

const dir = tempDir();

test('toFtsQuery: exact words, prefix only when asked, quoted phrases, operators are text', () => {
  assert.equal(toFtsQuery('budget review'), '"budget" "review"');
  assert.equal(toFtsQuery('budg*'), '"budg"*');
  assert.equal(toFtsQuery('"next week" budget'), '"next week" "budget"');
  assert.equal(toFtsQuery('"next wee*"'), '"next wee"*');
  assert.equal(toFtsQuery('"unclosed phrase'), '"unclosed phrase"');
  assert.equal(toFtsQuery('a AND (b OR c) NOT d: e^'), '"a" "AND" "b" "OR" "c" "NOT" "d" "e"');
  assert.equal(toFtsQuery('  * " ( '), '');
});

test('search: exact, prefix, phrase, moment and snippet, newest first', () => {
  const s = new CallStore(join(dir, 'search.db'));
  const old = saveCallWith(s, 'Old sync', [...FILLER, 'the budget is approved', 'we meet next week'], { startedAt: new Date('2024-01-01T10:00:00Z') });
  const other = saveCallWith(s, 'Other', [...FILLER, 'a budgetary question', 'week next or so, the next big week'], { startedAt: new Date('2024-02-01T10:00:00Z') });
  const notes = saveCallWith(s, 'Planning', FILLER, { startedAt: new Date('2024-03-01T10:00:00Z'), notes: 'budget owner is Dana' });
  assert.deepEqual(s.search('budget').map((c) => c.id), [notes, old], 'exact word: not "budgetary"');
  assert.deepEqual(s.search('budg*').map((c) => c.id), [notes, other, old], 'prefix when written');
  assert.deepEqual(s.search('"next week"').map((c) => c.id), [old], 'a phrase is adjacent words');
  assert.deepEqual(s.search('next week').map((c) => c.id), [other, old], 'unquoted: both words anywhere');
  const hit = s.search('budget').find((c) => c.id === old);
  assert.deepEqual(hit?.match, { field: 'transcript', snippet: 'the [budget] is approved', atSec: FILLER.length * 4 });
  assert.deepEqual(s.search('"next week"')[0].match, { field: 'transcript', snippet: 'we meet [next] [week]', atSec: (FILLER.length + 1) * 4 });
  assert.deepEqual(s.search('budget')[0].match, { field: 'notes', snippet: '[budget] owner is Dana' });
  assert.deepEqual(s.search('planning')[0].match, { field: 'title', snippet: '[Planning]' });
  assert.equal(s.search('budgetary')[0].match?.atSec, (FILLER.length) * 4);
  assert.deepEqual(s.search('zzz-nothing'), []);
  assert.deepEqual(s.search('AND OR ( NOT'), [], 'operators are words, never a syntax error');
  s.close();
});

test('search: replaced utterances are found at their new moment, the old words are gone', () => {
  const s = new CallStore(join(dir, 'replace.db'));
  const id = saveCallWith(s, 'Call', ['first words here', 'the walrus arrives']);
  assert.equal(s.search('walrus')[0].match?.atSec, 4);
  s.replaceUtterances(id, [{ side: 'me', start: 30, end: 32, text: 'a pelican now' }, { side: 'them', start: 10, end: 12, text: 'the pelican speaks first' }], 'asr');
  assert.deepEqual(s.search('walrus'), []);
  assert.equal(s.search('pelican')[0].match?.atSec, 10, 'the earliest moment, whatever the order given');
  assert.doesNotThrow(() => s.db.prepare("INSERT INTO utterance_fts(utterance_fts, rank) VALUES ('integrity-check', 0)").run());
  s.close();
});
