// `candor history delete` gives the prompt back once the call is gone from
// the file: a big history's fresh backup (the old ones held the deleted
// call) is written by a detached process after the command has returned; a
// small one's is written before it returns. Real CLI, real files.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import Database from 'better-sqlite3';
import { INLINE_BACKUP_BYTES } from '../../src-main/cli/commands/history';
import { backupFolder, listBackups } from '../../src-main/engine/store/backups';
import { FILLER, secretHistory } from '../engine/store/support/history';
import { candor } from '../support/cli';
import { tempDir } from '../support/tmp';

const dir = tempDir();
const env = { CANDOR_HOME: join(dir, 'home') };
const SECRET = 'Zebracorn';

/** Ten calls of filler, one with the secret, `bulk` long ones; with its daily backup. Returns the secret call's id. */
function history(path: string, bulk: number): number {
  return secretHistory(path, SECRET, bulk, { filler: (k) => FILLER.map((l) => `${l} ${k}`), secret: FILLER.map((l, i) => `${l} ${SECRET}${i}`) });
}

function bytesInUse(path: string): number {
  const db = new Database(path, { readonly: true });
  try {
    const n = (p: string): number => db.pragma(p, { simple: true }) as number;
    return (n('page_count') - n('freelist_count')) * n('page_size');
  } finally {
    db.close();
  }
}

const holdsSecret = (file: string): boolean => readFileSync(file).includes(SECRET);

async function waitUntil(what: string, cond: () => boolean, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

test('a big history: the command returns before the fresh backup, which a detached process then places', async (t) => {
  const path = join(dir, 'big.db');
  const secretId = history(path, 100);
  assert.ok(bytesInUse(path) > INLINE_BACKUP_BYTES, `a history above the inline size (${bytesInUse(path)} bytes)`);
  const t0 = performance.now();
  const r = candor(['history', 'delete', String(secretId), '--db', path], env);
  const commandMs = performance.now() - t0;
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /^deleted 1 call\(s\)\nthe database file was compacted so the data is gone\na fresh backup is being written in the background/);
  assert.deepEqual(listBackups(path), [], 'the command returned before the copy was complete');
  assert.ok(![path, `${path}-wal`].some((f) => existsSync(f) && holdsSecret(f)), 'the file was scrubbed before the command returned');
  const t1 = performance.now();
  await waitUntil('the fresh backup is placed', () => listBackups(path).length === 1);
  t.diagnostic(`command ${commandMs.toFixed(0)} ms; backup placed ${(performance.now() - t1).toFixed(0)} ms after it returned`);
  await waitUntil('no copy is left half-written', () => !readdirSync(backupFolder(path)).some((n) => n.includes('.part-')));
  const [fresh] = listBackups(path);
  assert.equal(holdsSecret(fresh.path), false, 'the fresh backup does not hold the deleted call');
  const copy = new Database(fresh.path, { readonly: true });
  assert.equal(copy.prepare('SELECT count(*) FROM calls').pluck().get(), 110);
  copy.close();
});

test('a small history: the fresh backup is written before the command returns', () => {
  const path = join(dir, 'small.db');
  const secretId = history(path, 0);
  assert.ok(bytesInUse(path) <= INLINE_BACKUP_BYTES);
  const r = candor(['history', 'delete', String(secretId), '--db', path], env);
  assert.equal(r.code, 0, r.stderr);
  assert.doesNotMatch(r.stderr, /background/);
  const backups = listBackups(path);
  assert.equal(backups.length, 1);
  assert.equal(holdsSecret(backups[0].path), false);
});
