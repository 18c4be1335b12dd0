// `candor doctor` opens and checks the database (read-only) and says what to
// do when it is damaged: restore the automatic backup or move the file aside,
// which --restore and --move-aside then do without deleting anything.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import { writeBackup } from '../../src-main/engine/store/backups';
import { CallStore } from '../../src-main/engine/store/calls-store';
import { candor } from '../support/cli';
import { transcriptCall } from '../support/store-fixtures';
import { SHARED_MODELS, tempDir } from '../support/tmp';

const dir = tempDir();
const env = { CANDOR_HOME: join(dir, 'home'), CANDOR_MODELS_DIR: process.env.CANDOR_MODELS_DIR ?? SHARED_MODELS };

function dbWithCalls(name: string, titles: string[], backup: boolean): string {
  const path = join(dir, name);
  const s = new CallStore(path, { backups: false });
  for (const title of titles) {
    const c = transcriptCall();
    s.saveComplete({ source: 'file', title }, c.report, c.segments, c.utterances);
  }
  if (backup) writeBackup(s.db, path, 'daily');
  s.close();
  return path;
}

function truncate(path: string): void {
  writeFileSync(path, readFileSync(path).subarray(0, 2 * 4096));
}

test('a sound database: status, schema and calls', () => {
  const path = dbWithCalls('ok.db', ['a', 'b'], true);
  const r = candor(['doctor', '--json', '--db', path], env);
  const d = JSON.parse(r.stdout).database;
  assert.equal(d.status, 'ok', r.stdout);
  assert.equal(d.calls, 2);
  assert.equal(d.backups.length, 1);
  assert.equal(d.backups[0].sound, true);
});

test('a damaged database with a backup: doctor says restore, --restore does it and keeps the damaged file', () => {
  const path = dbWithCalls('damaged.db', ['kept 1', 'kept 2', 'kept 3', 'kept 4', 'kept 5', 'kept 6'], true);
  truncate(path);
  const damaged = readFileSync(path);
  const r = candor(['doctor', '--db', path], env);
  assert.equal(r.code, 1, 'a damaged database is a broken install');
  assert.match(r.stdout, /database .*damaged\.db: DAMAGED/);
  assert.match(r.stdout, /problem: the file is truncated/);
  assert.match(r.stdout, /Restore the automatic backup taken .*`candor doctor --restore`/);
  assert.match(r.stdout, /`candor doctor --move-aside`/);
  const fix = candor(['doctor', '--restore', '--db', path], env);
  assert.equal(fix.code, 0, fix.stderr);
  const kept = /kept as (\S+)/.exec(fix.stdout)?.[1];
  assert.ok(kept && existsSync(kept), fix.stdout);
  assert.deepEqual(readFileSync(kept), damaged, 'the damaged file is kept, byte for byte');
  const list = candor(['history', 'list', '--json', '--db', path], env);
  assert.deepEqual(JSON.parse(list.stdout).map((c: { title: string }) => c.title).sort(), ['kept 1', 'kept 2', 'kept 3', 'kept 4', 'kept 5', 'kept 6']);
});

test('a damaged database without a backup: --move-aside, then Candor starts fresh', () => {
  const path = dbWithCalls('nobackup.db', ['x', 'y', 'z', 'w', 'v', 'u'], false);
  truncate(path);
  const r = JSON.parse(candor(['doctor', '--json', '--db', path], env).stdout).database;
  assert.equal(r.status, 'damaged');
  assert.ok(r.advice.some((a: string) => /no sound automatic backup/.test(a)));
  const restore = candor(['doctor', '--restore', '--db', path], env);
  assert.equal(restore.code, 1);
  assert.match(restore.stderr, /^candor: there is no sound automatic backup/);
  const move = candor(['doctor', '--move-aside', '--db', path], env);
  assert.equal(move.code, 0, move.stderr);
  assert.equal(existsSync(path), false);
  assert.equal(readdirSync(dir).filter((f) => f.startsWith('nobackup.db.damaged-')).length, 1);
  assert.match(candor(['history', 'list', '--db', path], env).stdout, /No calls yet/);
});

test('a damaged report in one call: doctor names the call', () => {
  const path = dbWithCalls('onecall.db', ['fine', 'broken'], true);
  const s = new CallStore(path, { backups: false });
  s.db.prepare("UPDATE metrics SET report_json = '{' WHERE call_id = 2").run();
  s.close();
  const d = JSON.parse(candor(['doctor', '--json', '--db', path], env).stdout).database;
  assert.equal(d.status, 'damaged');
  assert.deepEqual(d.problems, ['the stored report of call 2 is damaged (not valid JSON)']);
  assert.match(d.advice[0], /candor history delete 2/);
});
