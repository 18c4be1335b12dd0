// A JSON export of many calls has a second reader in a thread of its own
// (every other call): the export is the same as the calls exported one by
// one, damaged calls are left out and named whichever reader met them, and
// a second reader that cannot start leaves the whole export to the first.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import test from 'node:test';
import Database from 'better-sqlite3';
import { CallStore } from '../../../src-main/engine/store/calls-store';
import { exportCalls, HELPER_MIN_CALLS, type SkippedCall } from '../../../src-main/engine/store/export';
import { ExportHelper } from '../../../src-main/engine/store/export-helper';
import { tempDir } from '../../support/tmp';
import { saveCallWith } from './support/history';

const dir = tempDir();

test('an export with a second reader equals the calls exported one by one; damage on either reader is left out and named', () => {
  const path = join(dir, 'many.db');
  const s = new CallStore(path, { backups: false });
  const ids = Array.from({ length: HELPER_MIN_CALLS + 6 }, (_, i) =>
    saveCallWith(s, `Call ${i}`, [`line one of call ${i}`, 'we should talk about the plan', `and a "quoted" end ${i}`]));
  s.close();
  // Index 3 goes to the second reader, index 10 to the first (export order is the order saved here).
  const [odd, even] = [ids[3], ids[10]];
  const raw = new Database(path);
  raw.prepare("UPDATE utterances SET text = 'changed' WHERE call_id IN (?, ?) AND text LIKE 'line one%'").run(odd, even);
  raw.close();
  const store = new CallStore(path, { backups: false });
  try {
    const one = (id: number): string => exportCalls(store, [id], 'json').split('\n')[3];
    const skipped: SkippedCall[] = [];
    const lines = exportCalls(store, 'all', 'json', (x) => skipped.push(x)).split('\n');
    assert.deepEqual(skipped.map((x) => x.id), [odd, even]);
    for (const x of skipped) assert.match(x.error, new RegExp(`stored data of call ${x.id} .* no longer matches the checksum written with it: transcript`));
    const calls = lines.filter((l) => l.startsWith('    {"id":'));
    const sound = ids.filter((id) => id !== odd && id !== even);
    assert.equal(calls.length, sound.length);
    sound.forEach((id, i) => assert.equal(calls[i].replace(/,$/, ''), one(id).replace(/,$/, ''), `call ${id}`));
    // The second reader itself: a sound call's text as the first reader builds it, a damaged call's error.
    const h = new ExportHelper(path, [ids[5], odd, ids[7]]);
    try {
      assert.equal(h.next()?.toString(), one(ids[5]).trim().replace(/,$/, ''));
      assert.throws(() => h.next(), /no longer matches the checksum written with it: transcript/);
      assert.equal(h.next()?.toString(), one(ids[7]).trim().replace(/,$/, ''));
    } finally {
      h.close();
    }
  } finally {
    store.close();
  }
});

test('a second reader that cannot open the file hands every call back to the first', () => {
  const h = new ExportHelper(join(dir, 'missing.db'), [1, 2, 3]);
  try {
    assert.equal(h.next(), null);
    assert.equal(h.next(), null);
  } finally {
    h.close();
  }
});
