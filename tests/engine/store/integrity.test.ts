// Damaged database files: found at open (0 bytes, truncated, b-tree) and
// after open (a damaged page or report of one call), always as a CandorError
// that says what to do, never a raw SQLite error; the file is left as it was.
import assert from 'node:assert/strict';
import { copyFileSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import Database from 'better-sqlite3';
import { CandorError } from '../../../src-main/contract/errors';
import { CallStore } from '../../../src-main/engine/store/calls-store';
import { mapSqliteError } from '../../../src-main/engine/store/db';
import { exportCalls, type SkippedCall } from '../../../src-main/engine/store/export';
import { rng as seeded } from '../../support/rng';
import { transcriptCall, UTTERANCES } from '../../support/store-fixtures';
import { tempDir } from '../../support/tmp';

const dir = tempDir();

function expectDamaged(fn: () => unknown, re: RegExp): CandorError {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof CandorError, `a CandorError, not ${String(err)}`);
    assert.equal(err.code, 'DB_UNREADABLE', err.message);
    assert.match(err.message, re);
    assert.match(err.hint ?? '', /candor doctor/);
    return err;
  }
  assert.fail('expected DB_UNREADABLE');
}

/** A database of `n` transcript calls, checkpointed and closed so that the main file holds every page. */
function filledDb(name: string, n: number, long?: { index: number; text: string }): { path: string; ids: number[] } {
  const path = join(dir, name);
  const s = new CallStore(path, { backups: false });
  const ids: number[] = [];
  for (let i = 0; i < n; i++) {
    const utts = UTTERANCES.map((u, k) => (long && long.index === i && k === 0 ? { ...u, text: long.text } : u));
    const c = transcriptCall(utts);
    ids.push(s.saveComplete({ source: 'file', title: `call ${i}` }, c.report, c.segments, c.utterances));
  }
  s.close();
  return { path, ids };
}

function pageSize(path: string): number {
  return readFileSync(path).readUInt16BE(16);
}

test('a 0-byte database is refused, not silently made into a new empty one', () => {
  const path = join(dir, 'empty.db');
  writeFileSync(path, '');
  expectDamaged(() => new CallStore(path), /is damaged: the file is empty \(0 bytes\)/);
  assert.equal(statSync(path).size, 0, 'still 0 bytes: no schema was written into it');
});

test('a truncated database is refused at open and left as it was', () => {
  const { path } = filledDb('trunc-src.db', 20);
  const ps = pageSize(path);
  const pages = statSync(path).size / ps;
  assert.ok(pages >= 4);
  const whole = join(dir, 'trunc-page.db');
  copyFileSync(path, whole);
  truncateSync(whole, Math.floor(pages / 2) * ps);
  const before = readFileSync(whole);
  expectDamaged(() => new CallStore(whole), /truncated: \d+ bytes of the \d+ its header declares/);
  assert.deepEqual(readFileSync(whole), before);
  const mid = join(dir, 'trunc-mid.db');
  copyFileSync(path, mid);
  truncateSync(mid, 2 * ps + 100);
  expectDamaged(() => new CallStore(mid), /ends in the middle of a page/);
});

test('a damaged b-tree page is found by the check at open', () => {
  const { path } = filledDb('btree.db', 20);
  const raw = new Database(path, { readonly: true });
  const leaf = raw.prepare("SELECT pageno FROM dbstat WHERE name = 'utterances' AND pagetype = 'leaf' LIMIT 1").pluck().get() as number;
  raw.close();
  const bytes = readFileSync(path);
  const at = (leaf - 1) * pageSize(path);
  bytes.writeUInt16BE(0xfff0, at + 3); // the page's cell count: far more cells than fit
  writeFileSync(path, bytes);
  expectDamaged(() => new CallStore(path), /is (not a Candor database or is )?damaged/);
  assert.deepEqual(readFileSync(path), bytes, 'the check did not change the file');
  // The same damage in a rollback-journal file (as a copied backup may be): refused before the switch to WAL rewrites its header.
  const rollback = join(dir, 'btree-rollback.db');
  const rb = Buffer.from(bytes);
  rb[18] = 1;
  rb[19] = 1;
  writeFileSync(rollback, rb);
  expectDamaged(() => new CallStore(rollback), /damaged/);
  assert.deepEqual(readFileSync(rollback), rb, 'not even the journal mode was changed');
  new CallStore(path, { checkMaxBytes: 0, backups: false }).close(); // without the check, the same file opens
  assert.deepEqual(readFileSync(path), bytes);
});

test('after open, a damaged page of one call is a CandorError, and export --all leaves that call out', () => {
  const { path, ids } = filledDb('page.db', 5, { index: 2, text: 'long '.repeat(8000) });
  const raw = new Database(path, { readonly: true });
  const overflow = raw.prepare("SELECT pageno FROM dbstat WHERE name = 'utterances' AND pagetype = 'overflow' ORDER BY pageno LIMIT 1").pluck().get() as number;
  raw.close();
  const bytes = readFileSync(path);
  bytes.writeUInt32BE(0x7ffffff0, (overflow - 1) * pageSize(path)); // its "next overflow page" points past the file
  writeFileSync(path, bytes);
  // A file above the size bound of the open-time check (the bound set to 0 bytes here) is opened and damage shows on reading.
  const s = new CallStore(path, { checkMaxBytes: 0, backups: false });
  try {
    assert.equal(s.list().length, 5, 'the list does not read utterances');
    expectDamaged(() => s.get(ids[2]), /not a Candor database or is damaged \(database disk image is malformed\)/);
    assert.equal(s.get(ids[1]).utterances.length, UTTERANCES.length, 'the other calls read fine');
    const skipped: SkippedCall[] = [];
    const json = JSON.parse(exportCalls(s, 'all', 'json', (x) => skipped.push(x)));
    assert.deepEqual(json.calls.map((c: { id: number }) => c.id), ids.filter((id) => id !== ids[2]));
    assert.deepEqual(json.skipped.map((x: SkippedCall) => x.id), [ids[2]]);
    assert.deepEqual(skipped.map((x) => x.id), [ids[2]]);
    // CSV writes only the summary and metrics of each call, which are sound: the damaged transcript is not in it.
    const csv = exportCalls(s, 'all', 'csv').trim().split('\n');
    assert.deepEqual(csv.slice(1).map((l) => Number(l.split(',')[0])), ids);
    expectDamaged(() => exportCalls(s, [ids[2]], 'json'), /damaged/);
  } finally {
    s.close();
  }
});

test('a damaged report_json: that call fails clearly, the others and export --all go on', () => {
  const { path, ids } = filledDb('json.db', 3);
  const raw = new Database(path);
  raw.prepare('UPDATE metrics SET report_json = substr(report_json, 1, 40) WHERE call_id = ?').run(ids[1]);
  raw.close();
  const s = new CallStore(path, { backups: false });
  try {
    expectDamaged(() => s.get(ids[1]), new RegExp(`stored report of call ${ids[1]} in .* is damaged`));
    assert.ok(s.get(ids[0]).report);
    const json = JSON.parse(exportCalls(s, 'all', 'json'));
    assert.deepEqual(json.calls.map((c: { id: number }) => c.id), [ids[0], ids[2]]);
    assert.match(json.skipped[0].error, /is damaged/);
  } finally {
    s.close();
  }
});

test('a byte flipped inside a stored text is caught by the call digest, not read back as data', () => {
  const { path, ids } = filledDb('text.db', 3);
  const bytes = readFileSync(path);
  const at = bytes.indexOf('legal needs two more weeks');
  assert.ok(at > 0);
  bytes[at] ^= 0x20; // 'l' -> 'L': still valid text, still valid structure
  writeFileSync(path, bytes);
  const s = new CallStore(path, { backups: false });
  try {
    const hit = ids.filter((id) => {
      try {
        s.get(id);
        return false;
      } catch (err) {
        assert.ok(err instanceof CandorError && /stored data of call \d+ .* is damaged \(it no longer matches the checksum/.test(err.message), String(err));
        return true;
      }
    });
    assert.equal(hit.length, 1, 'exactly the call whose text changed');
  } finally {
    s.close();
  }
});

test('SQLite I/O and read-only errors map to clear CandorErrors', () => {
  const io = Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR_READ' });
  const e = mapSqliteError(io, '/x/candor.db');
  assert.equal(e.code, 'DB_UNREADABLE');
  assert.match(e.message, /reading or writing the database \/x\/candor.db failed \(SQLITE_IOERR_READ/);
  assert.match(e.hint ?? '', /candor doctor/);
  const ro = mapSqliteError(Object.assign(new Error('attempt to write a readonly database'), { code: 'SQLITE_READONLY' }), '/x/candor.db');
  assert.equal(ro.code, 'PERMISSION_DENIED');
  assert.match(ro.message, /is read-only/);
});

test('bytes flipped mid-file: a call reads back as stored or fails with a CandorError, never silently changed (seeded survey)', () => {
  const { path, ids } = filledDb('flip-src.db', 30);
  const size = statSync(path).size;
  const original = new CallStore(path, { backups: false });
  const truth = new Map(ids.map((id) => [id, JSON.stringify(original.get(id))]));
  original.close();
  const rng = seeded(1414);
  const tally = { refusedAtOpen: 0, callRefused: 0, noCallAffected: 0 };
  const flipped = join(dir, 'flip.db');
  for (let t = 0; t < 60; t++) {
    const bytes = readFileSync(path);
    const at = Math.floor(size * 0.25 + rng() * size * 0.5);
    bytes[at] ^= 1 << Math.floor(rng() * 8);
    writeFileSync(flipped, bytes);
    let s: CallStore;
    try {
      s = new CallStore(flipped, { backups: false });
    } catch (err) {
      assert.ok(err instanceof CandorError, `open, flip at ${at}: ${String(err)}`);
      tally.refusedAtOpen++;
      continue;
    }
    let refused = false;
    try {
      for (const id of ids) {
        try {
          assert.equal(JSON.stringify(s.get(id)), truth.get(id), `call ${id} read back changed, flip at ${at} bit of byte ${bytes[at]}`);
        } catch (err) {
          if (err instanceof assert.AssertionError) throw err;
          assert.ok(err instanceof CandorError, `get ${id}, flip at ${at}: ${String(err)}`);
          refused = true;
        }
      }
    } finally {
      s.close();
    }
    if (refused) tally.callRefused++;
    else tally.noCallAffected++; // free space, the search index, or an index entry
  }
  process.stdout.write(`# flipped-byte survey: ${JSON.stringify(tally)}\n`);
  assert.ok(tally.refusedAtOpen > 0 && tally.callRefused > 0);
});
