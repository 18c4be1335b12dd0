// The store on a real SQLite file: schema, WAL, save and read, search,
// export, delete that really removes data, and clear errors for bad files.
import assert from 'node:assert/strict';
import { chmodSync, readFileSync, writeFileSync, copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import Database from 'better-sqlite3';
import { CandorError } from '../../../src-main/contract/errors';
import type { AnalysisReport } from '../../../src-main/contract/report';
import { CallStore, type SegmentRecord } from '../../../src-main/engine/store/calls-store';
import { exportCalls } from '../../../src-main/engine/store/export';
import { SCHEMA_VERSION } from '../../../src-main/engine/store/migrations';
import { reportFromSegments } from '../../../src-main/engine/store/recovery';
import { tempDir } from '../../support/tmp';

const dir = tempDir();
const SEGS: SegmentRecord[] = [
  { side: 'me', start: 0.5, end: 5, syllables: 16 },
  { side: 'them', start: 5.6, end: 10, syllables: 0 },
  { side: 'me', start: 11, end: 14, syllables: 10 },
];

function report(): AnalysisReport {
  return reportFromSegments('call.wav', SEGS, 20);
}

function expectError(fn: () => unknown, code: string, re: RegExp): void {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof CandorError, String(err));
    assert.equal(err.code, code, err.message);
    assert.match(`${err.message} ${err.hint}`, re);
    return;
  }
  assert.fail(`expected ${code}`);
}

test('a new file gets the schema, WAL and foreign keys', () => {
  const s = new CallStore(join(dir, 'new.db'));
  assert.equal(s.db.pragma('user_version', { simple: true }), SCHEMA_VERSION);
  assert.equal(s.db.pragma('journal_mode', { simple: true }), 'wal');
  assert.equal(s.db.pragma('foreign_keys', { simple: true }), 1);
  assert.equal(s.db.pragma('mmap_size', { simple: true }), 0, 'read through read(), never a memory map (store/db.ts)');
  s.close();
});

test('save, list, show, update, search', () => {
  const s = new CallStore(join(dir, 'calls.db'));
  const id = s.saveComplete({ source: 'file', file: '/x/call.wav', title: 'Acme discovery' }, report(), SEGS);
  const list = s.list();
  assert.equal(list.length, 1);
  assert.equal(list[0].title, 'Acme discovery');
  assert.equal(list[0].talkShare, report().metrics.talkShare);
  assert.equal(list[0].sparkline.length, 20);
  const c = s.get(id);
  assert.deepEqual(c.segments.me, [[0.5, 5], [11, 14]]);
  assert.equal(c.report?.metrics.pace.method, 'acoustic');
  s.update(id, { notes: 'pricing objection from the CFO' });
  assert.equal(s.search('pricing')[0]?.id, id);
  assert.equal(s.search('pricing')[0]?.match?.field, 'notes');
  assert.equal(s.search('acme')[0]?.match?.field, 'title');
  assert.deepEqual(s.search('nothing-like-this'), []);
  s.replaceUtterances(id, [{ side: 'them', start: 6, end: 9, text: 'The renewal budget is approved for March' }], 'import');
  const hit = s.search('renewal budget');
  assert.equal(hit[0]?.match?.field, 'transcript');
  assert.equal(hit[0]?.match?.atSec, 6);
  expectError(() => s.get(999), 'CALL_NOT_FOUND', /no call 999/);
  s.close();
});

test('export as JSON and as CSV', () => {
  const s = new CallStore(join(dir, 'export.db'));
  const id = s.saveComplete({ source: 'file', title: 'Quote, "with" =formula' }, report(), SEGS);
  const json = JSON.parse(exportCalls(s, [id], 'json'));
  assert.equal(json.calls[0].id, id);
  assert.deepEqual(json.calls[0].segments.them, [[5.6, 10]]);
  const csv = exportCalls(s, 'all', 'csv').trim().split('\n');
  assert.equal(csv.length, 2);
  assert.match(csv[0], /^id,title,started_at,duration_sec/);
  assert.match(csv[1], new RegExp(`^${id},"'?Quote, ""with"" =formula",`));
  s.close();
});

test('a write takes the lock when it begins: another connection cannot commit between its reads and its writes', () => {
  // A delete reads (which utterances to take out of the search index) before it writes; a live call's
  // checkpoint from another connection, once a second, committed in between used to fail the delete at once
  // with SQLITE_BUSY_SNAPSHOT ("locked by another program"), whatever the busy timeout.
  const path = join(dir, 'immediate.db');
  const s = new CallStore(path);
  const id = s.saveComplete({ source: 'file', title: 'kept' }, report(), SEGS);
  const live = new Database(path, { timeout: 0 });
  const put = (db: Database.Database, key: string): unknown => db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run(key, '1');
  let liveError = '';
  s.tx(() => {
    s.db.prepare('SELECT count(*) FROM utterances WHERE call_id = ?').get(id);
    try {
      put(live, 'from-the-live-call');
    } catch (err) {
      liveError = (err as { code?: string }).code ?? String(err);
    }
    put(s.db, 'from-the-delete');
  });
  assert.equal(liveError, 'SQLITE_BUSY', 'the other writer waits for the lock (its busy timeout, 0 here), it does not commit in between');
  put(live, 'from-the-live-call');
  assert.deepEqual(s.db.prepare('SELECT key FROM settings WHERE key LIKE ? ORDER BY key').pluck().all('from-%'), ['from-the-delete', 'from-the-live-call']);
  assert.equal(s.delete([id]), 1);
  live.close();
  s.close();
});

test('delete really removes the data from the file', () => {
  const path = join(dir, 'delete.db');
  const s = new CallStore(path);
  const secret = 'Zebracorn-Confidential-Title';
  const id = s.saveComplete({ source: 'file', title: secret }, report(), SEGS);
  s.update(id, { notes: `${secret} notes` });
  s.db.pragma('wal_checkpoint(TRUNCATE)');
  assert.ok(readFileSync(path).includes(secret));
  assert.equal(s.delete([id]), 1);
  assert.equal(s.list().length, 0);
  assert.equal(s.db.prepare('SELECT count(*) FROM segments').pluck().get(), 0);
  s.close();
  const bytes = Buffer.concat([readFileSync(path), existsSync(`${path}-wal`) ? readFileSync(`${path}-wal`) : Buffer.alloc(0)]);
  assert.ok(!bytes.includes(secret), 'the title is gone from the file');
});

test('delete --all', () => {
  const s = new CallStore(join(dir, 'all.db'));
  s.saveComplete({ source: 'file' }, report(), SEGS);
  s.saveComplete({ source: 'file' }, report(), SEGS);
  assert.equal(s.delete('all'), 2);
  assert.equal(s.list().length, 0);
  s.close();
});

test('a file that is not a database: clear error, file untouched', () => {
  const path = join(dir, 'notadb.db');
  writeFileSync(path, 'this is not sqlite'.repeat(100));
  const before = readFileSync(path);
  expectError(() => new CallStore(path), 'DB_UNREADABLE', /not a Candor database or is damaged.*did not change it/);
  assert.deepEqual(readFileSync(path), before);
});

test('a database from a newer Candor: clear error, file untouched', () => {
  const path = join(dir, 'newer.db');
  const s = new CallStore(path);
  s.saveComplete({ source: 'file' }, report(), SEGS);
  s.db.pragma(`user_version = ${SCHEMA_VERSION + 5}`);
  s.close();
  const copy = join(dir, 'newer-copy.db');
  copyFileSync(path, copy);
  expectError(() => new CallStore(path), 'DB_NEWER_SCHEMA', new RegExp(`schema ${SCHEMA_VERSION + 5}.*Update Candor`));
  const raw = new Database(path, { readonly: true });
  assert.equal(raw.prepare('SELECT count(*) FROM calls').pluck().get(), 1, 'the stored call is still there');
  raw.close();
});

test('a locked database', () => {
  const path = join(dir, 'locked.db');
  new CallStore(path).close();
  const holder = new Database(path);
  holder.exec('BEGIN EXCLUSIVE');
  try {
    expectError(() => {
      const s = new CallStore(path, { busyTimeoutMs: 200 });
      try {
        s.saveComplete({ source: 'file' }, report(), SEGS);
      } finally {
        s.close();
      }
    }, 'DB_LOCKED', /locked by another program/);
  } finally {
    holder.exec('ROLLBACK');
    holder.close();
  }
});

test('an unreadable database file', { skip: process.getuid?.() === 0 ? 'root can read any file' : false }, () => {
  const path = join(dir, 'unreadable.db');
  new CallStore(path).close();
  chmodSync(path, 0o000);
  expectError(() => new CallStore(path), 'PERMISSION_DENIED', /permissions/);
});

test('a folder where the file should be', () => {
  expectError(() => new CallStore(dir), 'DB_UNREADABLE', /cannot (open|use) the database/);
});
