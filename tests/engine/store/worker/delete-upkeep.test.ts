// Deleting through the store's thread, as the app does (issue 13): the
// request answers once the rows, the search-index entries and every backup
// are gone and the scrub is recorded; the thread then scrubs the file in
// steps and writes a fresh backup in a process of its own, answering lists
// and searches meanwhile. A kill during that work leaves no deleted text on
// disk once the next open has finished it (issue 14, defect 8).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import Database from 'better-sqlite3';
import { backupFolder, listBackups } from '../../../../src-main/engine/store/backups';
import { CallStore } from '../../../../src-main/engine/store/calls-store';
import { compactionPending, FOLD_ELSEWHERE_BYTES } from '../../../../src-main/engine/store/compaction';
import { reportFromSegments } from '../../../../src-main/engine/store/recovery';
import { openStoreWorker, type StoreClient } from '../../../../src-main/engine/store/worker/store-client';
import { ROOT } from '../../../support/cli';
import { tempDir } from '../../../support/tmp';
import { FILLER, secretHistory } from '../support/history';

const dir = tempDir();
const SECRET = 'Zebracorn';

/** Occurrences of `word` in the file, its WAL and every file in the backups folder (copies being written included). */
function copies(path: string, word: string): number {
  const files = [path, `${path}-wal`].filter(existsSync);
  if (existsSync(backupFolder(path))) files.push(...readdirSync(backupFolder(path)).map((n) => join(backupFolder(path), n)));
  let n = 0;
  for (const f of files) {
    const bytes = readFileSync(f);
    for (let at = bytes.indexOf(word); at >= 0; at = bytes.indexOf(word, at + 1)) n++;
  }
  return n;
}

/**
 * Calls of filler, one that says the secret everywhere, and `bulk` calls of
 * many segments (a file big enough that a backup copy takes a while); with
 * its daily backup.
 */
function history(path: string, bulk: number): number {
  const lines = (k: number) => Array.from({ length: 200 }, (_, i) => `${FILLER[(i + k) % FILLER.length]} number ${i}`);
  return secretHistory(path, SECRET, bulk, { filler: lines, secret: lines(0).map((l, i) => (i % 3 ? l : `${l} ${SECRET}${i} ${SECRET}`)) });
}

async function waitUntil(what: string, cond: () => boolean | Promise<boolean>, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t = performance.now();
  const value = await fn();
  return { ms: performance.now() - t, value };
}

test('a delete answers before the scrub and the fresh backup; lists and searches answer while they run', async (t) => {
  const path = join(dir, 'answers.db');
  // 160 long calls: the copy lasts long enough for answers during it to show it waits for none. With 100 it took
  // 415-425 ms in runs on a 2-core machine, under the 500 ms this test needs to see (0.36 s for 40 on a quiet one).
  const bulk = 160;
  const secretId = history(path, bulk);
  assert.ok(copies(path, SECRET) > 100);
  const store: StoreClient = await openStoreWorker(path);
  try {
    const del = await timed(() => store.deleteCalls([secretId]));
    assert.deepEqual(del.value, { deleted: 1, kept: [] });
    assert.ok(del.ms < 1000, `the delete answered in ${del.ms.toFixed(0)} ms`);
    assert.deepEqual(listBackups(path), [], 'every backup (they held the call) is gone when the delete answers');
    assert.deepEqual(await store.search(SECRET), []);
    // Lists and searches sent one after another until the work after the delete is done.
    const part = `.part-${process.pid}`;
    const copying = (): boolean => readdirSync(backupFolder(path)).some((n) => n.endsWith(part));
    const latencies: number[] = [];
    let duringCopy = 0;
    let copyStart = 0;
    let copyEnd = 0;
    for (let i = 0; ; i++) {
      const before = copying();
      const r = await timed(() => (i % 2 ? store.search('roadmap') : store.list({ limit: 500 })));
      latencies.push(r.ms);
      if (before && copying()) {
        duringCopy++;
        copyStart ||= performance.now();
        copyEnd = performance.now();
      }
      if ((await store.upkeepState()).idle) break;
    }
    // The speed target (slowest answer under 100 ms at 10,000 calls) is the bench's (historyDuringDelete); here,
    // on a machine shared with other tests, what must hold is that no answer waited for the copy.
    const slowest = Math.max(...latencies);
    const sorted = [...latencies].sort((a, b) => a - b);
    t.diagnostic(`${duringCopy} answers during ${(copyEnd - copyStart).toFixed(0)} ms of copy; slowest ${slowest.toFixed(1)} ms`);
    assert.ok(duringCopy > 10 && copyEnd - copyStart > 500, `answers came while the copy was written (${duringCopy} in ${(copyEnd - copyStart).toFixed(0)} ms)`);
    assert.ok(slowest < (copyEnd - copyStart) / 4, `none waited for the copy (slowest ${slowest.toFixed(1)} ms)`);
    assert.ok(sorted[latencies.length >> 1] < 50, `the median answer took ${sorted[latencies.length >> 1].toFixed(1)} ms`);
    const state = await store.upkeepState();
    assert.deepEqual(state, { scrubPending: false, backupRunning: false, idle: true, lastError: null });
    assert.equal(listBackups(path).length, 1, 'a fresh backup replaced the removed one');
    assert.equal(copies(path, SECRET), 0, 'no trace in the file, its log or the backup');
    assert.equal((await store.list({})).length, 10 + bulk, 'the fillers and the long calls are kept');
  } finally {
    await store.close();
  }
  const raw = new Database(path, { readonly: true });
  assert.equal(raw.pragma('integrity_check', { simple: true }), 'ok');
  raw.close();
});

test('a second delete during the backup copy: that copy is thrown away and the next one holds neither call', async () => {
  const path = join(dir, 'twice.db');
  const secretId = history(path, 20);
  const store = await openStoreWorker(path);
  try {
    const other = (await store.list({})).find((c) => c.title === 'Filler 3')!.id;
    await store.deleteCalls([other]);
    await waitUntil('the backup copy is being written', async () => (await store.upkeepState()).backupRunning);
    await store.deleteCalls([secretId]);
    assert.deepEqual(listBackups(path), []);
    await waitUntil('the work is done', async () => (await store.upkeepState()).idle);
    const [fresh] = listBackups(path);
    assert.equal(listBackups(path).length, 1);
    assert.equal(copies(path, SECRET), 0);
    const copy = new Database(fresh.path, { readonly: true });
    assert.deepEqual(copy.prepare('SELECT id FROM calls WHERE id IN (?, ?)').all(other, secretId), []);
    copy.close();
  } finally {
    await store.close();
  }
});

test('the app killed while its store thread writes the fresh backup: no deleted text is left on disk', () => {
  const path = join(dir, 'killed.db');
  const secretId = history(path, 20);
  assert.ok(copies(path, SECRET) > 0);
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'tests/engine/store/support/worker-delete-then-die.ts'), path, String(secretId)],
    { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.signal, 'SIGKILL', r.stderr);
  assert.ok(readdirSync(backupFolder(path)).some((n) => n.endsWith(`.part-${r.pid}`)), 'killed with its copy half-written');
  assert.equal(copies(path, SECRET), 0, 'the scrub was done before the copy began: nothing in the file, the log or the half-written copy');
  const again = new CallStore(path);
  assert.equal(compactionPending(again.db), false);
  assert.equal(copies(path, SECRET), 0);
  assert.equal(listBackups(path).length, 1, 'the next open wrote the backup the kill left owed');
  assert.deepEqual(readdirSync(backupFolder(path)).filter((n) => n.includes('.part-')), []);
  assert.equal(again.list().length, 30);
  again.close();
});

test('a delete killed before its scrub: the next open of the store thread finishes it in steps', async () => {
  const path = join(dir, 'resume.db');
  // With notes: the deleted call's search row was written three times (it failed the open's check before schema 7: call-text.ts).
  const secretId = history(path, 0);
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'tests/engine/store/support/delete-then-die.ts'), path, String(secretId)],
    { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.signal, 'SIGKILL', r.stderr);
  assert.deepEqual(listBackups(path), [], 'the backups went with the delete, before the kill');
  assert.ok(copies(path, SECRET) > 0, 'the kill left the text in the file');
  const store = await openStoreWorker(path);
  try {
    await waitUntil('the work is done', async () => (await store.upkeepState()).idle);
    assert.equal(copies(path, SECRET), 0);
    assert.equal(listBackups(path).length, 1);
  } finally {
    await store.close();
  }
});

test('closing the store during the backup copy kills the copy: close does not wait, no file is left, the next open writes the backup', async (t) => {
  const path = join(dir, 'close.db');
  const secretId = history(path, 100);
  const ids = (await (async () => {
    const s = new CallStore(path);
    try {
      return s.list({ limit: 500 }).filter((c) => c.title.startsWith('Filler')).map((c) => c.id);
    } finally {
      s.close();
    }
  })());
  const copyMs = async (store: StoreClient): Promise<number> => {
    await waitUntil('the backup copy is being written', async () => (await store.upkeepState()).backupRunning);
    return performance.now();
  };
  // The copy's time on this machine, now: a first delete, its copy let run to the end.
  let store = await openStoreWorker(path);
  await store.deleteCalls([secretId]);
  const began = await copyMs(store);
  await waitUntil('the copy is placed', async () => (await store.upkeepState()).idle);
  const copy = performance.now() - began;
  assert.equal(listBackups(path).length, 1);
  // A second delete, and the store closed while its copy is written.
  await store.deleteCalls([ids[0]]);
  await copyMs(store);
  const closed = await timed(() => store.close());
  t.diagnostic(`copy ${copy.toFixed(0)} ms; close during a copy ${closed.ms.toFixed(0)} ms`);
  assert.ok(copy > 300, `the copy lasts long enough to tell (${copy.toFixed(0)} ms)`);
  assert.ok(closed.ms < copy / 2, `close took ${closed.ms.toFixed(0)} ms, the copy ${copy.toFixed(0)} ms`);
  assert.deepEqual(readdirSync(backupFolder(path)).filter((n) => n.includes('.part-')), [], 'the half-written copy is removed');
  assert.deepEqual(listBackups(path), [], 'no backup: the delete removed it and the copy was not placed');
  assert.equal(copies(path, SECRET), 0);
  // The backup is still owed: the next open's upkeep writes it.
  store = await openStoreWorker(path);
  try {
    await waitUntil('the work after the open is done', async () => (await store.upkeepState()).idle);
    assert.equal(listBackups(path).length, 1, 'the new store wrote the backup the close left owed');
    assert.equal(copies(path, SECRET), 0);
  } finally {
    await store.close();
  }
});

test('delete --all through the store thread: its scrub runs in steps, the fold on a thread of its own; lists and searches answer meanwhile', async (t) => {
  const path = join(dir, 'all.db');
  history(path, 100);
  assert.ok(copies(path, SECRET) > 100);
  const size = statSync(path).size;
  assert.ok(size > FOLD_ELSEWHERE_BYTES, `a file big enough that its fold is left to the fold thread (${size} bytes)`);
  const store = await openStoreWorker(path);
  try {
    const del = await timed(() => store.deleteCalls('all'));
    assert.deepEqual(del.value, { deleted: 111, kept: [] });
    assert.deepEqual(listBackups(path), [], 'every backup (they held the calls) is gone when the delete answers');
    const latencies: number[] = [];
    const t0 = performance.now();
    let cut = 0;
    for (let i = 0; ; i++) {
      const r = await timed(() => (i % 2 ? store.search('roadmap') : store.list({ limit: 500 })));
      latencies.push(r.ms);
      if (!cut && statSync(path).size < size / 10) cut = i + 1;
      if ((await store.upkeepState()).idle) break;
    }
    const scrubMs = performance.now() - t0;
    const slowest = Math.max(...latencies);
    t.diagnostic(`delete --all answered in ${del.ms.toFixed(0)} ms; ${latencies.length} answers during ${scrubMs.toFixed(0)} ms of scrub, ` +
      `the file cut after ${cut}; slowest ${slowest.toFixed(1)} ms`);
    assert.ok(cut > 1, 'answers came before the file was cut down');
    assert.ok(slowest < 100, `each list and search answered within 100 ms (slowest ${slowest.toFixed(1)} ms)`);
    assert.deepEqual(await store.upkeepState(), { scrubPending: false, backupRunning: false, idle: true, lastError: null });
    assert.ok(statSync(path).size < 1 << 20, `the file was cut to ${statSync(path).size} bytes`);
    assert.equal(copies(path, SECRET), 0, 'no trace in the file, its log or the backups folder');
    assert.equal(copies(path, 'roadmap'), 0);
    assert.deepEqual(await store.list({}), []);
    assert.deepEqual(listBackups(path), [], 'no calls, so no backup is owed');
  } finally {
    await store.close();
  }
  const raw = new Database(path, { readonly: true });
  assert.equal(raw.pragma('integrity_check', { simple: true }), 'ok');
  raw.close();
});

// Deleting a call next to another can make SQLite move the other call's
// cell within its page and leave the old bytes in the page's unused space.
// secure_delete zeroes deleted cells, not such old copies, and the scrub's
// incremental vacuum and WAL fold never rewrite a page still in use: before
// the scrub ended with a full VACUUM (compaction.ts, rewrite-process.ts),
// this left 11 copies of the secret on one page of call_fts_content at 100
// long calls (none at 20).
test('deleting a neighbour first, then the call: no copy of its text is left in the file', async () => {
  const path = join(dir, 'neighbour.db');
  const secretId = history(path, 100);
  const store = await openStoreWorker(path);
  try {
    const idle = async (): Promise<void> => waitUntil('the upkeep is idle', async () => (await store.upkeepState()).idle, 120_000);
    await idle();
    const neighbour = (await store.list({ limit: 500 })).find((c) => c.title === 'Filler 9')!.id;
    await store.deleteCalls([neighbour]);
    await idle();
    await store.deleteCalls([secretId]);
    await idle();
  } finally {
    await store.close();
  }
  assert.equal(copies(path, SECRET), 0);
});

/** The scrub's rewrite process for this database, if one is running (Linux: /proc). */
function rewriteRunning(path: string): boolean {
  for (const pid of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (cmd.includes('rewrite-process') && cmd.includes(path)) return true;
    } catch {
      // gone meanwhile
    }
  }
  return false;
}

test('a write during the scrub\'s rewrite stops it at once; the rewrite runs again after, and none runs while a call is recorded', { skip: process.platform !== 'linux' && 'reads /proc' }, async () => {
  const path = join(dir, 'rewrite.db');
  const secretId = history(path, 100);
  const store = await openStoreWorker(path);
  try {
    const idle = async (): Promise<void> => waitUntil('the upkeep is idle', async () => (await store.upkeepState()).idle, 120_000);
    await idle();
    const other = (await store.list({ limit: 500 })).find((c) => c.title === 'Filler 3')!.id;
    await store.deleteCalls([secretId]);
    await waitUntil('the rewrite runs', () => rewriteRunning(path));
    const write = await timed(() => store.update(other, { notes: 'written during the rewrite' }));
    console.log(`a write during the rewrite answered in ${write.ms.toFixed(0)} ms`);
    assert.ok(write.ms < 1000, `the write waited ${write.ms.toFixed(0)} ms`);
    assert.equal(rewriteRunning(path), false, 'the write stopped the rewrite');
    await idle();
    assert.equal(copies(path, SECRET), 0, 'the rewrite ran again to the end');
    assert.equal((await store.get(other)).notes, 'written during the rewrite');

    // a call being recorded: the scrub stops short of the rewrite, whose lock would stall the call's checkpoints
    const live = await store.beginLiveCall({ source: 'live', title: 'on a call now' });
    const filler = (await store.list({ limit: 500 })).find((c) => c.title === 'Filler 5')!.id;
    await store.deleteCalls([filler]);
    const until = Date.now() + 3000;
    while (Date.now() < until) {
      assert.equal(rewriteRunning(path), false, 'no rewrite while a call is recorded');
      await new Promise((r) => setTimeout(r, 20));
    }
    assert.equal((await store.upkeepState()).scrubPending, true);
    // the call ends: the rewrite runs, and the scrub finishes
    await store.finish(live, reportFromSegments('live.wav', [], 5), []);
    await idle();
  } finally {
    await store.close();
  }
});
