// Crash soak of a schema upgrade (issue 14): a history of schema 2 (built
// by the schema-2 migrations and filled as the schema-2 store wrote it) is
// opened by `candor history list`, which upgrades it to the current schema,
// and the command is killed with SIGKILL at random moments of the upgrade
// (and right after its first step commits), each time on a fresh copy of the
// old file. After every kill the next command opens the file, finishes (or
// redoes) the upgrade, and exports every call byte for byte as an
// uninterrupted upgrade does; the file passes its integrity checks; and a
// backup of the old schema, taken before the upgrade wrote anything, is
// there and whole.
import assert from 'node:assert/strict';
import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import Database from 'better-sqlite3';
import { backupFolder, listBackups } from '../../src-main/engine/store/backups';
import { SCHEMA_VERSION } from '../../src-main/engine/store/migrations';
import { rng } from '../support/rng';
import { checkDatabaseFile, earlierCallsIntact, exportAll, killRule, runAndKill } from '../support/soak';
import { createDatabaseAt, saveAtV2, transcriptCall } from '../support/store-fixtures';
import { SHARED_MODELS, tempDir } from '../support/tmp';

const KILLS = Number(process.env.CANDOR_MIGRATION_KILLS ?? 8);
const SEED = 0x3167;
/** Calls in the old history: enough that the upgrade takes a few hundred ms. */
const CALLS = 1500;
const OLD_VERSION = 2;

const dir = tempDir();
const template = join(dir, 'v2-template.db');
const db = join(dir, 'upgrade.db');
const env = { CANDOR_MODELS_DIR: process.env.CANDOR_MODELS_DIR ?? SHARED_MODELS, CANDOR_HOME: dir, CANDOR_DB: db };

function oldHistory(): void {
  const v2 = createDatabaseAt(template, OLD_VERSION);
  const call = transcriptCall();
  v2.transaction(() => {
    for (let i = 0; i < CALLS; i++) saveAtV2(v2, call, `old call ${i}`);
  })();
  v2.pragma('journal_mode = DELETE'); // one file to copy
  v2.close();
}

/** A fresh copy of the old file, with no backups yet. */
function freshCopy(): void {
  for (const f of [db, `${db}-wal`, `${db}-shm`]) rmSync(f, { force: true });
  rmSync(backupFolder(db), { recursive: true, force: true });
  copyFileSync(template, db);
}

function userVersion(path: string): number {
  const raw = new Database(path, { readonly: true });
  try {
    return raw.pragma('user_version', { simple: true }) as number;
  } finally {
    raw.close();
  }
}

/** The backup of the old schema: there, sound, and holding every old call. */
function oldBackupWhole(what: string): void {
  const pre = listBackups(db).filter((b) => b.kind === 'pre-migration');
  const old = pre.find((b) => userVersion(b.path) === OLD_VERSION);
  assert.ok(old, `${what}: a backup of schema ${OLD_VERSION} was taken before the upgrade (have ${pre.map((b) => b.path).join(', ') || 'none'})`);
  const raw = new Database(old.path, { readonly: true });
  try {
    assert.equal(raw.pragma('integrity_check', { simple: true }), 'ok');
    assert.equal(raw.prepare('SELECT count(*) FROM calls').pluck().get(), CALLS, `${what}: the backup holds every old call`);
  } finally {
    raw.close();
  }
}

const WAL_HEADER_BYTES = 32;

/** A kill as soon as a reader sees the first step of the upgrade committed: between two steps. */
function stepWatch(): { rule: (wal: number) => boolean; how: string; close: () => void } {
  let reader: Database.Database | null = null;
  return {
    how: 'first step committed',
    rule: (wal) => {
      if (wal <= WAL_HEADER_BYTES) return false;
      try {
        reader ??= new Database(db, { readonly: true, fileMustExist: true });
        return (reader.pragma('user_version', { simple: true }) as number) > OLD_VERSION;
      } catch {
        return false;
      }
    },
    close: () => reader?.close(),
  };
}

test(`kill -9 during a schema upgrade ${KILLS} times: the next open finishes it, nothing lost, the old schema backed up`, { timeout: 600_000 }, async (t) => {
  oldHistory();
  const random = rng(SEED);
  freshCopy();
  const window = await runAndKill(['history', 'list', '--json'], env, db, () => false);
  assert.equal(userVersion(db), SCHEMA_VERSION);
  oldBackupWhole('uninterrupted upgrade');
  const reference = exportAll(env, { quiet: 'after the upgrade' });
  assert.equal(reference.size, CALLS);
  t.diagnostic(`uninterrupted upgrade of ${CALLS} calls: log up to ${window.maxWal} bytes, store open ${window.openToExitMs} ms`);

  const at = { old: 0, between: 0, done: 0 };
  let kills = 0;
  for (let i = 0; kills < KILLS; i++) {
    assert.ok(i < KILLS * 3, `only ${kills} of ${i} upgrades were killed before they finished`);
    freshCopy();
    const step = stepWatch();
    const { rule, how } = i % 3 === 2 ? step : killRule(i, random, window);
    const r = await runAndKill(['history', 'list', '--json'], env, db, rule);
    step.close();
    const what = `upgrade ${i + 1} (${how}, log ${r.walAtKill} bytes at the kill${r.killed ? '' : ', finished first'})`;
    if (!r.killed) continue;
    kills++;
    const v = userVersion(db);
    if (v === OLD_VERSION) at.old++;
    else if (v === SCHEMA_VERSION) at.done++;
    else at.between++;
    if (r.walAtKill > WAL_HEADER_BYTES) oldBackupWhole(what); // an upgrade that began writing had its backup first

    const now = exportAll(env, { quiet: what });
    assert.equal(userVersion(db), SCHEMA_VERSION, `${what}: the next open finished the upgrade`);
    checkDatabaseFile(db, what);
    assert.equal(now.size, CALLS, `${what}: every call is there`);
    earlierCallsIntact(now, reference, what);
  }
  const line = `${kills} kills: ${at.old} left schema ${OLD_VERSION}, ${at.between} stopped between two steps, ${at.done} had finished; ` +
    'each time the next open completed the upgrade with every call byte for byte';
  t.diagnostic(line);
  console.log(`# schema upgrade soak: ${line}`);
});
