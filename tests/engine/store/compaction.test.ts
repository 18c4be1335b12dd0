// Deleting for good without stopping the world: the rows go at once, the
// file gives the space back in small steps, no copy of the deleted text is
// left in the file or its WAL, and a delete interrupted before that is
// finished at the next open (issue 14, defect 8).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import Database from 'better-sqlite3';
import { backupFolder, listBackups } from '../../../src-main/engine/store/backups';
import { CallStore } from '../../../src-main/engine/store/calls-store';
import { compactionPending, FOLD_ELSEWHERE_BYTES } from '../../../src-main/engine/store/compaction';
import { reportFromSegments } from '../../../src-main/engine/store/recovery';
import { candorAsync, ROOT } from '../../support/cli';
import { tempDir } from '../../support/tmp';
import { FILLER, saveCallWith, segmentsFor } from './support/history';

const dir = tempDir();
const SECRET = 'Zebracorn';

function fileBytes(path: string): Buffer {
  const parts = [readFileSync(path)];
  if (existsSync(`${path}-wal`)) parts.push(readFileSync(`${path}-wal`));
  return Buffer.concat(parts);
}

function copies(path: string, word: string): number {
  const backups = backupFolder(path);
  const more = existsSync(backups) ? readdirSync(backups).map((n) => readFileSync(join(backups, n))) : [];
  const bytes = Buffer.concat([fileBytes(path), ...more]);
  let n = 0;
  for (let at = bytes.indexOf(word); at >= 0; at = bytes.indexOf(word, at + 1)) n++;
  return n;
}

/** 40 calls of filler and one that says the secret in its title, notes and 200 utterances. */
function history(path: string): { store: CallStore; secretId: number } {
  const store = new CallStore(path);
  const lines = (k: number) => Array.from({ length: 200 }, (_, i) => `${FILLER[(i + k) % FILLER.length]} number ${i}`);
  for (let k = 0; k < 20; k++) saveCallWith(store, `Filler ${k}`, lines(k));
  const secretId = saveCallWith(store, `${SECRET} call`, lines(0).map((l, i) => (i % 3 ? l : `${l} ${SECRET}${i} ${SECRET}`)), { notes: `${SECRET} notes` });
  for (let k = 20; k < 40; k++) saveCallWith(store, `Filler ${k}`, lines(k));
  store.db.pragma('wal_checkpoint(TRUNCATE)');
  return { store, secretId };
}

test('a new database reclaims space incrementally and deletes cells with zeros', () => {
  const s = new CallStore(join(dir, 'new.db'));
  assert.equal(s.db.pragma('auto_vacuum', { simple: true }), 2, 'incremental');
  assert.equal(s.db.pragma('secure_delete', { simple: true }), 2, 'fast');
  s.close();
});

test('delete one call: its text is gone from the file and the WAL, the space is given back', () => {
  const path = join(dir, 'one.db');
  const { store, secretId } = history(path);
  assert.ok(copies(path, SECRET) > 100, 'the secret is in the file before');
  const before = statSync(path).size;
  assert.equal(store.delete([secretId]), 1);
  assert.equal(store.db.pragma('freelist_count', { simple: true }), 0);
  assert.equal(compactionPending(store.db), false);
  assert.equal(copies(path, SECRET), 0, 'no copy left while open');
  assert.ok(statSync(path).size < before, 'the file shrank');
  assert.equal(store.db.prepare('SELECT count(*) FROM call_trends WHERE call_id = ?').pluck().get(secretId), 0, 'no trend row left');
  assert.equal(store.list().length, 40);
  assert.deepEqual(store.search(SECRET), []);
  assert.equal(store.search('roadmap').length, 40);
  assert.equal(store.db.pragma('integrity_check', { simple: true }), 'ok');
  store.close();
  assert.equal(copies(path, SECRET), 0);
});

test('a delete killed before its compaction is finished at the next open', () => {
  const path = join(dir, 'killed.db');
  const { store, secretId } = history(path);
  store.close();
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'tests/engine/store/support/delete-then-die.ts'), path, String(secretId)],
    { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.signal, 'SIGKILL', r.stderr);
  assert.ok(copies(path, SECRET) > 0, 'the kill left the text on disk');
  const raw = new Database(path, { readonly: true });
  assert.equal(raw.prepare('SELECT count(*) FROM pending_compaction').pluck().get(), 1, 'the pending compaction was recorded with the delete');
  assert.equal(raw.prepare('SELECT count(*) FROM calls WHERE id = ?').pluck().get(secretId), 0, 'the delete itself was committed');
  raw.close();
  const again = new CallStore(path);
  assert.equal(compactionPending(again.db), false);
  assert.equal(copies(path, SECRET), 0, 'opening finished the job');
  assert.equal(again.list().length, 40);
  assert.equal(again.db.pragma('integrity_check', { simple: true }), 'ok');
  again.close();
});

test('a kill while the fresh backup is written: the deleted call was already gone from the file and every backup', async () => {
  const path = join(dir, 'backups.db');
  const { store, secretId } = history(path);
  store.close();
  const withBackup = new CallStore(path); // opening a file with calls takes the daily backup
  withBackup.close();
  assert.equal(listBackups(path).length, 1);
  // A copy half-written by a process that died during its VACUUM INTO (a pid above pid_max is never alive).
  copyFileSync(listBackups(path)[0].path, join(backupFolder(path), 'daily-v4-20260101T000000000Z.db.part-99999999'));
  assert.ok(copies(path, SECRET) > 0);
  // `history delete` is killed the moment its fresh backup copy appears: the old copies are gone and the file scrubbed before it starts.
  const del = candorAsync(['history', 'delete', String(secretId)], { CANDOR_DB: path, CANDOR_HOME: dir });
  const part = new RegExp(`\\.part-${del.pid}$`);
  const closed = new Promise((r) => del.on('close', r));
  const poll = setInterval(() => {
    if (readdirSync(backupFolder(path)).some((n) => part.test(n))) del.kill('SIGKILL');
  }, 0);
  await closed;
  clearInterval(poll);
  assert.equal(del.signalCode, 'SIGKILL', 'killed while it wrote the fresh backup');
  const raw = new Database(path, { readonly: true });
  assert.equal(raw.prepare('SELECT count(*) FROM calls WHERE id = ?').pluck().get(secretId), 0, 'the delete was committed');
  assert.equal(raw.prepare('SELECT count(*) FROM pending_compaction').pluck().get(), 0, 'the scrub was finished before the copy began');
  raw.close();
  assert.equal(copies(path, SECRET), 0, 'no trace in the file, its log, or the backups folder (the half-written copy included)');
  assert.deepEqual(listBackups(path), [], 'the old backups went with the delete');
  const again = new CallStore(path);
  assert.equal(compactionPending(again.db), false);
  assert.equal(copies(path, SECRET), 0);
  assert.equal(listBackups(path).length, 1, 'the next open wrote the daily backup the kill left owed');
  assert.deepEqual(readdirSync(backupFolder(path)).filter((n) => n.includes('.part-')), [], 'and removed the half-written copies');
  again.close();
});

test('delete everything: quick, nothing left, and the history works again after', () => {
  const path = join(dir, 'all.db');
  const { store } = history(path);
  assert.equal(store.delete('all'), 41);
  assert.equal(copies(path, SECRET), 0);
  assert.equal(copies(path, 'roadmap'), 0);
  assert.deepEqual(store.list(), []);
  assert.equal(store.db.prepare('SELECT count(*) FROM call_trends').pluck().get(), 0, 'no trend row left');
  const id = saveCallWith(store, 'After', ['the roadmap again']);
  assert.deepEqual(store.search('roadmap').map((c) => c.id), [id]);
  assert.equal(store.search('roadmap')[0].match?.atSec, 0);
  store.close();
});

test('a big delete in steps: the fold that cuts the file down is left to another connection, and the next step finishes the scrub', () => {
  const path = join(dir, 'fold.db');
  const { store } = history(path);
  const segs = segmentsFor(20_000);
  for (let k = 0; k < 60; k++) store.saveComplete({ source: 'file', title: `Long ${k}` }, reportFromSegments('long.wav', segs, 80_000), segs);
  assert.equal(store.delete('all', { compact: false }), 101);
  const size = statSync(path).size;
  assert.ok(size > FOLD_ELSEWHERE_BYTES, `a file of ${size} bytes`);
  const first = store.compactStep(15, undefined, { foldElsewhere: true });
  assert.equal(first.state, 'fold');
  assert.equal(first.fullVacuum, true, 'the few pages left were copied by a VACUUM (quick: almost nothing is left)');
  assert.equal(statSync(path).size, size, 'the file was not cut on this thread');
  assert.ok(compactionPending(store.db), 'the scrub is not over');
  // What worker/fold-thread.ts does: a passive checkpoint through a connection of its own.
  const other = new Database(path);
  const [cp] = other.pragma('wal_checkpoint(PASSIVE)') as { busy: number; log: number; checkpointed: number }[];
  other.close();
  assert.equal(cp.busy, 0);
  assert.ok(statSync(path).size < 1 << 20, `the file was cut to ${statSync(path).size} bytes`);
  const last = store.compactStep(15, undefined, { foldElsewhere: true });
  assert.equal(last.state, 'done');
  assert.equal(compactionPending(store.db), false);
  assert.equal(copies(path, SECRET), 0, 'no trace in the file, its log or the backups');
  assert.equal(copies(path, 'roadmap'), 0);
  store.close();
});

test('a database made before incremental vacuum is converted by its first compaction', () => {
  const path = join(dir, 'legacy.db');
  const { store, secretId } = history(path);
  store.close();
  const raw = new Database(path);
  raw.pragma('auto_vacuum = NONE');
  raw.exec('VACUUM');
  assert.equal(raw.pragma('auto_vacuum', { simple: true }), 0);
  raw.close();
  const s = new CallStore(path);
  s.delete([secretId]);
  assert.equal(s.db.pragma('auto_vacuum', { simple: true }), 2);
  assert.equal(copies(path, SECRET), 0);
  s.close();
});
