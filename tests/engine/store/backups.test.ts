// Automatic backups: one a day (rotated), one before a migration (see
// migration-v3.test.ts), replaced after a delete so that deleted calls do not
// live on, and a restore that keeps the damaged file.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import Database from 'better-sqlite3';
import { BACKUP_KEEP_DAILY, backupIfDue, listBackups, restoreBackup, writeBackup } from '../../../src-main/engine/store/backups';
import { CallStore } from '../../../src-main/engine/store/calls-store';
import { transcriptCall } from '../../support/store-fixtures';
import { tempDir } from '../../support/tmp';

const dir = tempDir();

function save(s: CallStore, title: string): number {
  const c = transcriptCall();
  return s.saveComplete({ source: 'file', title }, c.report, c.segments, c.utterances);
}

function callsIn(path: string): string[] {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare('SELECT title FROM calls ORDER BY id').pluck().all() as string[];
  } finally {
    db.close();
  }
}

test('a database with calls gets a daily backup on open, once a day, the newest few kept', () => {
  const path = join(dir, 'daily.db');
  const s = new CallStore(path);
  assert.deepEqual(listBackups(path), [], 'an empty database has nothing to back up');
  save(s, 'first');
  s.close();
  const s2 = new CallStore(path);
  const made = listBackups(path);
  assert.equal(made.length, 1);
  assert.equal(made[0].kind, 'daily');
  assert.deepEqual(callsIn(made[0].path), ['first']);
  save(s2, 'second');
  s2.close();
  new CallStore(path).close();
  assert.equal(listBackups(path).length, 1, 'not twice in a day');
  const db = new Database(path);
  const day = 24 * 3600 * 1000;
  const t0 = Date.parse(made[0].takenAt);
  assert.equal(backupIfDue(db, path, new Date(t0 + day / 2)), null);
  for (let i = 1; i <= BACKUP_KEEP_DAILY + 2; i++) assert.ok(backupIfDue(db, path, new Date(t0 + i * day + 1000)));
  db.close();
  const kept = listBackups(path);
  assert.equal(kept.length, BACKUP_KEEP_DAILY);
  assert.equal(Date.parse(kept[0].takenAt), t0 + (BACKUP_KEEP_DAILY + 2) * day + 1000, 'newest first');
  assert.deepEqual(callsIn(kept[0].path), ['first', 'second']);
});

test('a delete replaces the backups, so the deleted call is in none of them', () => {
  const path = join(dir, 'delete.db');
  const s = new CallStore(path);
  const secret = 'Zebracorn-Backup-Secret';
  const id = save(s, secret);
  save(s, 'kept call');
  writeBackup(s.db, path, 'daily');
  writeBackup(s.db, path, 'pre-migration');
  assert.ok(listBackups(path).every((b) => readFileSync(b.path).includes(secret)));
  s.delete([id]);
  s.close();
  const after = listBackups(path);
  assert.equal(after.length, 1);
  assert.deepEqual(callsIn(after[0].path), ['kept call']);
  assert.ok(!readFileSync(after[0].path).includes(secret));
});

test('restore keeps the damaged file under another name and puts the backup in place', () => {
  const path = join(dir, 'restore.db');
  const s = new CallStore(path);
  save(s, 'precious');
  const backup = writeBackup(s.db, path, 'daily');
  s.close();
  writeFileSync(path, 'garbage'.repeat(1000));
  const { movedTo } = restoreBackup(path, backup);
  assert.ok(movedTo && existsSync(movedTo));
  assert.equal(readFileSync(movedTo, 'utf8'), 'garbage'.repeat(1000), 'nothing stored is lost, not even a damaged file');
  const r = new CallStore(path);
  assert.deepEqual(r.list().map((c) => c.title), ['precious']);
  r.close();
});
