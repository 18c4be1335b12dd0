// Crash soak of `candor history delete` (issue 14, defect 8): the command is
// killed with SIGKILL at random moments, for one call and for --all, again
// and again on the same database. Half the kills come when the write-ahead
// log has grown past a random size (inside the delete or its compaction),
// half at a random time after the store was opened. After every kill, once
// the next command has opened the file (and finished any compaction left
// pending): the deleted call is either there exactly as before or gone, and
// when gone no byte of its text is left in the file, its log or the
// backups; every other call is intact byte for byte in its export; the file
// passes its integrity checks; and nothing is recovered twice (the history
// starts with a live call recovered once, which must stay as it is).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import Database from 'better-sqlite3';
import { CallStore } from '../../src-main/engine/store/calls-store';
import { backupFolder } from '../../src-main/engine/store/backups';
import { FILLER, saveCallWith } from '../engine/store/support/history';
import { rng } from '../support/rng';
import { checkDatabaseFile, earlierCallsIntact, exportAll, killRule, runAndKill, walBytes, type KilledRun, type KillWindow } from '../support/soak';
import { SHARED_MODELS, tempDir } from '../support/tmp';

const KILLS_ONE = Number(process.env.CANDOR_DELETE_KILLS ?? 6);
const KILLS_ALL = Number(process.env.CANDOR_DELETE_ALL_KILLS ?? 4);
const SEED = 0xde1e;
const CALLS = 30;
const LINES = 150;

const dir = tempDir();
const db = join(dir, 'delete-soak.db');
const env = { CANDOR_MODELS_DIR: process.env.CANDOR_MODELS_DIR ?? SHARED_MODELS, CANDOR_HOME: dir, CANDOR_DB: db };

/** Call k's own word: none is part of another. */
const secret = (k: number): string => `Zeb${k}corn`;

/** Every byte the database has on disk: the file, its log and every file in its backups folder. */
function copies(word: string): number {
  const files = [db, `${db}-wal`].filter(existsSync);
  const backups = backupFolder(db);
  if (existsSync(backups)) files.push(...readdirSync(backups).map((n) => join(backups, n)));
  let n = 0;
  for (const f of files) {
    const bytes = readFileSync(f);
    for (let at = bytes.indexOf(word); at >= 0; at = bytes.indexOf(word, at + 1)) n++;
  }
  return n;
}

/** Calls `from`..`from + n - 1`, each saying its secret in its title, its notes and every third line. */
function fill(from: number, n: number): Map<number, number> {
  const store = new CallStore(db);
  const secretOf = new Map<number, number>();
  try {
    for (let k = from; k < from + n; k++) {
      const lines = Array.from({ length: LINES }, (_, i) => `${FILLER[(i + k) % FILLER.length]} number ${i}${i % 3 ? '' : ` ${secret(k)}`}`);
      secretOf.set(saveCallWith(store, `Call ${secret(k)}`, lines, { notes: `about ${secret(k)}` }), k);
    }
  } finally {
    store.close();
  }
  return secretOf;
}

/** A live call whose recorder died (its pid is gone): the first command recovers it. */
function interruptedLiveCall(k: number): number {
  const store = new CallStore(db);
  try {
    const id = store.begin({ source: 'live', title: `Live ${secret(k)}` });
    store.checkpoint(id, [{ side: 'me', start: 0, end: 2, syllables: 8 }, { side: 'them', start: 2.5, end: 4, syllables: 0 }], [], 4.2);
    const gone = spawnSync('true').pid;
    store.db.prepare('UPDATE calls SET owner_pid = ? WHERE id = ?').run(gone, id);
    return id;
  } finally {
    store.close();
  }
}

function pendingCompaction(): boolean {
  const raw = new Database(db, { readonly: true });
  try {
    return raw.prepare('SELECT count(*) FROM pending_compaction').pluck().get() === 1;
  } finally {
    raw.close();
  }
}

/** How an uninterrupted run of `args` uses the log, measured on a copy of the database. */
async function measure(args: string[]): Promise<KillWindow> {
  const copy = join(dir, 'measure.db');
  copyFileSync(db, copy);
  const r = await runAndKill(args, { ...env, CANDOR_DB: copy }, copy, () => false);
  rmSync(copy, { force: true });
  rmSync(backupFolder(copy), { recursive: true, force: true });
  assert.ok(r.maxWal > 0, `candor ${args.join(' ')} writes through the log`);
  return r;
}

test(`kill -9 of history delete (${KILLS_ONE} × one call, ${KILLS_ALL} × --all): each call there as before or gone without a trace`, { timeout: 600_000 }, async (t) => {
  const random = rng(SEED);
  const secretOf = fill(0, CALLS);
  const liveId = interruptedLiveCall(CALLS);
  secretOf.set(liveId, CALLS);
  const first = exportAll(env); // recovers the live call, once
  assert.equal(first.size, CALLS + 1);
  assert.equal(JSON.parse(first.get(liveId)!).status, 'recovered');
  let exports = exportAll(env, { quiet: 'a second open' });
  earlierCallsIntact(exports, first, 'a second open');
  assert.equal(walBytes(db), -1, 'no log between commands');

  const stats = { kills: 0, gone: 0, kept: 0, pendingAtNextOpen: 0, leftOnDiskAtKill: 0 };
  const afterKill = (r: KilledRun, what: string): Map<number, string> => {
    if (r.killed) stats.kills++;
    if (pendingCompaction()) stats.pendingAtNextOpen++;
    const now = exportAll(env, { quiet: what }); // the next start: finishes what the kill left
    checkDatabaseFile(db, what);
    assert.equal(pendingCompaction(), false, `${what}: the next open finished the compaction`);
    return now;
  };

  const one = await measure(['history', 'delete', String([...exports.keys()][0])]);
  t.diagnostic(`uninterrupted delete of one call: log up to ${one.maxWal} bytes, store open ${one.openToExitMs} ms`);
  for (let i = 0, killed = 0; killed < KILLS_ONE; i++) {
    assert.ok(i < KILLS_ONE * 3, `only ${killed} of ${i} deletes were killed before they finished`);
    const ids = [...exports.keys()];
    const victim = ids[Math.floor(random() * ids.length)];
    const word = secret(secretOf.get(victim)!);
    const { rule, how } = killRule(i, random, one);
    const r = await runAndKill(['history', 'delete', String(victim)], env, db, rule);
    if (r.killed) killed++;
    const what = `delete ${i + 1} of call ${victim} (${how}, log ${r.walAtKill} bytes at the kill${r.killed ? '' : ', finished first'})`;
    if (copies(word) > 0 && !r.killed) assert.fail(`${what}: a finished delete left ${copies(word)} copies of ${word}`);
    const onDisk = copies(word);
    const now = afterKill(r, what);
    if (now.has(victim)) {
      earlierCallsIntact(now, exports, what);
      assert.ok(copies(word) > 0);
      stats.kept++;
    } else {
      if (onDisk > 0) stats.leftOnDiskAtKill++;
      assert.equal(copies(word), 0, `${what}: the deleted call's text is gone from the file, its log and the backups`);
      exports.delete(victim);
      earlierCallsIntact(now, exports, what);
      assert.equal(now.size, exports.size, `${what}: no other call went with it`);
      stats.gone++;
    }
  }

  let all: KillWindow | null = null;
  for (let i = 0, killed = 0; killed < KILLS_ALL; i++) {
    assert.ok(i < KILLS_ALL * 3, `only ${killed} of ${i} deletes --all were killed before they finished`);
    if (exports.size < CALLS / 2) {
      for (const [id, k] of fill(100 + i * CALLS, CALLS)) secretOf.set(id, k);
      exports = exportAll(env, { quiet: 'refilled' });
    }
    all ??= await measure(['history', 'delete', '--all']);
    if (i === 0) t.diagnostic(`uninterrupted delete --all: log up to ${all.maxWal} bytes, store open ${all.openToExitMs} ms`);
    const { rule, how } = killRule(i, random, all);
    const r = await runAndKill(['history', 'delete', '--all'], env, db, rule);
    if (r.killed) killed++;
    const what = `delete --all ${i + 1} (${how}, log ${r.walAtKill} bytes at the kill${r.killed ? '' : ', finished first'})`;
    const words = [...exports.keys()].map((id) => secret(secretOf.get(id)!));
    const onDisk = words.reduce((n, w) => n + copies(w), 0);
    const now = afterKill(r, what);
    if (now.size) {
      assert.equal(now.size, exports.size, `${what}: all calls or none`);
      earlierCallsIntact(now, exports, what);
      stats.kept++;
    } else {
      if (onDisk > 0) stats.leftOnDiskAtKill++;
      for (const w of words) assert.equal(copies(w), 0, `${what}: no copy of ${w} left`);
      exports = now;
      stats.gone++;
    }
  }
  const line = `${stats.kills} kills: ${stats.gone} deletes done, ${stats.kept} rolled back whole, ${stats.pendingAtNextOpen} left a compaction ` +
    `that the next open finished, ${stats.leftOnDiskAtKill} had left deleted text on disk that the next open scrubbed`;
  t.diagnostic(line);
  console.log(`# history delete soak: ${line}`);
});
