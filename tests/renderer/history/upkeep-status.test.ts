// The history window's line about the work after a delete: what it says in
// each state of the engine's onHistoryUpkeep, and that it is gone when done.
import assert from 'node:assert/strict';
import test from 'node:test';
import { IDLE_UPKEEP, type HistoryUpkeep } from '../../../src-main/contract/history-upkeep';
import { upkeepNote } from '../../../src-renderer/history/upkeep-status';

const state = (s: Partial<HistoryUpkeep>): HistoryUpkeep => ({ ...IDLE_UPKEEP, idle: false, ...s });

test('nothing is shown before any state arrives or once the work is done', () => {
  assert.equal(upkeepNote(null), null);
  assert.equal(upkeepNote({ ...IDLE_UPKEEP }), null);
});

test('the scrub, then the fresh backup', () => {
  assert.deepEqual(upkeepNote(state({ scrubPending: true })), { kind: 'working', text: 'Removing deleted calls from the file…' });
  assert.deepEqual(upkeepNote(state({})), { kind: 'working', text: 'Removing deleted calls from the file…' }, 'the old backups being removed');
  assert.deepEqual(upkeepNote(state({ backupRunning: true })), { kind: 'working', text: 'Writing a fresh backup…' });
});

test('a failure is a short warning that says what to do', () => {
  const copy = upkeepNote(state({ lastError: 'backup: database or disk is full' }));
  assert.deepEqual(copy, { kind: 'warning', text: 'The fresh backup could not be written (database or disk is full). Free some disk space; Candor tries again when it next starts.' });
  const scrub = upkeepNote(state({ scrubPending: true, lastError: 'disk I/O error' }));
  assert.equal(scrub?.kind, 'warning', 'a failure outranks the work still going on');
  assert.match(scrub!.text, /^Deleted calls are not yet fully removed from the file \(disk I\/O error\)\. Candor keeps trying/);
  const idleAfterFailure = upkeepNote({ ...IDLE_UPKEEP, lastError: 'backup: no space left on device' });
  assert.equal(idleAfterFailure?.kind, 'warning', 'a copy given up on leaves the store idle, and the warning stays');
});

test('a long message is cut to one short line', () => {
  const note = upkeepNote(state({ lastError: `backup: ${'x'.repeat(500)}\nsecond line` }));
  assert.ok(note && note.text.length < 260, note?.text);
  assert.ok(!note.text.includes('\n'));
  assert.match(note.text, /x…\)/);
});
