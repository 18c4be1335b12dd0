// The full database check behind `candor doctor`: sound, damaged around the
// calls (b-tree), or damaged inside one call (digest), with backups judged too.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import { writeBackup } from '../../../src-main/engine/store/backups';
import { CallStore } from '../../../src-main/engine/store/calls-store';
import { checkDatabase, restoreNewestBackup } from '../../../src-main/engine/store/health';
import { SCHEMA_VERSION } from '../../../src-main/engine/store/migrations';
import { transcriptCall } from '../../support/store-fixtures';
import { tempDir } from '../../support/tmp';

const dir = tempDir();

function db(name: string, n: number): { path: string; ids: number[]; backup: string } {
  const path = join(dir, name);
  const s = new CallStore(path, { backups: false });
  const ids = Array.from({ length: n }, (_, i) => {
    const c = transcriptCall();
    return s.saveComplete({ source: 'file', title: `call ${i}` }, c.report, c.segments, c.utterances);
  });
  const backup = writeBackup(s.db, path, 'daily');
  s.close();
  return { path, ids, backup };
}

test('a sound database', () => {
  const { path } = db('ok.db', 2);
  const h = checkDatabase(path);
  assert.equal(h.status, 'ok');
  assert.equal(h.schema, SCHEMA_VERSION);
  assert.equal(h.calls, 2);
  assert.deepEqual(h.problems, []);
  assert.equal(h.backups[0].sound, true);
  assert.deepEqual(h.advice, []);
});

test('one call changed inside its text: that call is named, the rest is sound', () => {
  const { path, ids } = db('text.db', 3);
  const bytes = readFileSync(path);
  const at = bytes.indexOf('Understood. Who signs');
  bytes[at] ^= 0x20;
  writeFileSync(path, bytes);
  const h = checkDatabase(path);
  assert.equal(h.status, 'damaged');
  assert.equal(h.damagedCalls.length, 1);
  assert.ok(ids.includes(h.damagedCalls[0]));
  assert.match(h.problems[0], /stored data of call \d+ is damaged \(it no longer matches the checksum/);
  assert.match(h.advice[0], new RegExp(`Only call ${h.damagedCalls[0]} is damaged.*candor history delete ${h.damagedCalls[0]}`));
});

test('a damaged file: restore the newest sound backup', () => {
  const { path } = db('btree.db', 6);
  writeFileSync(path, readFileSync(path).subarray(0, 3 * 4096));
  const h = checkDatabase(path);
  assert.equal(h.status, 'damaged');
  assert.deepEqual(h.damagedCalls, []);
  assert.match(h.advice.join('\n'), /candor doctor --restore/);
  const r = restoreNewestBackup(path);
  assert.ok(r.movedTo);
  assert.equal(checkDatabase(path).status, 'ok');
  assert.equal(checkDatabase(path).calls, 6);
});
