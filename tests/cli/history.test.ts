// `candor history` on real database files: participants shown, a read-only
// file listed, a damaged call left out of `export --all`, and damaged files
// reported as `candor:` messages with the way out, never a stack trace.
import assert from 'node:assert/strict';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after } from 'node:test';
import test from 'node:test';
import Database from 'better-sqlite3';
import { CallStore } from '../../src-main/engine/store/calls-store';
import { candor } from '../support/cli';
import { transcriptCall } from '../support/store-fixtures';
import { tempDir } from '../support/tmp';

const dir = tempDir();
const env = { CANDOR_HOME: join(dir, 'home') };

function noStack(r: { stderr: string }): void {
  assert.doesNotMatch(r.stderr, /unexpected error|\n\s+at /, r.stderr);
}

function dbWithCalls(name: string, titles: string[]): { path: string; ids: number[] } {
  const path = join(dir, name);
  const s = new CallStore(path, { backups: false });
  const ids = titles.map((title) => {
    const c = transcriptCall();
    return s.saveComplete({ source: 'file', file: 'call.vtt', title }, c.report, c.segments, c.utterances);
  });
  s.close();
  return { path, ids };
}

test('history show prints the participants; --json carries them', () => {
  const { path, ids } = dbWithCalls('show.db', ['Renewal with Acme']);
  const r = candor(['history', 'show', String(ids[0]), '--db', path], env);
  assert.equal(r.code, 0, r.stderr);
  for (const name of ['Dana', 'Karim T. (matkt)', 'Ana Lopez']) assert.match(r.stdout, new RegExp(`\\n\\s+${name.replace(/[.()]/g, '\\$&')}\\s+(me|them)\\s`));
  const j = JSON.parse(candor(['history', 'show', String(ids[0]), '--db', path, '--json'], env).stdout);
  assert.deepEqual(j.participants.map((p: { name: string }) => p.name), ['Dana', 'Karim T. (matkt)', 'Ana Lopez']);
  assert.equal(j.report.utterances, undefined, 'the transcript is in utterances, once');
  assert.equal(j.utterances.length, 5);
});

test('a read-only database can be listed, shown, searched and exported; delete says why it cannot', () => {
  const { path, ids } = dbWithCalls('ro/calls.db', ['Read-only call']);
  const folder = join(dir, 'ro');
  // Root writes anywhere, so as root the command runs as nobody; otherwise the permissions are removed.
  const asRoot = process.getuid?.() === 0;
  const user = asRoot ? { uid: 65534, gid: 65534 } : {};
  if (asRoot) {
    chmodSync(dir, 0o755);
  } else {
    chmodSync(path, 0o444);
    chmodSync(folder, 0o555);
    after(() => chmodSync(folder, 0o755));
  }
  const before = readFileSync(path);
  const roEnv = { ...env, HOME: dir, CANDOR_HOME: folder };
  const list = candor(['history', 'list', '--db', path], roEnv, user);
  assert.equal(list.code, 0, list.stderr);
  assert.match(list.stdout, /Read-only call/);
  assert.equal(candor(['history', 'show', String(ids[0]), '--db', path], roEnv, user).code, 0);
  assert.match(candor(['history', 'search', 'legal', '--db', path], roEnv, user).stdout, /Read-only call/);
  const exp = JSON.parse(candor(['history', 'export', '--all', '--db', path], roEnv, user).stdout);
  assert.equal(exp.calls.length, 1);
  const del = candor(['history', 'delete', String(ids[0]), '--db', path], roEnv, user);
  assert.equal(del.code, 1);
  assert.match(del.stderr, /^candor: .*(permission denied|read-only)/i);
  noStack(del);
  assert.deepEqual(readFileSync(path), before, 'the file was not changed');
});

test('export --all leaves a damaged call out with a note; showing it is a clear error', () => {
  const { path, ids } = dbWithCalls('damaged-call.db', ['one', 'two', 'three']);
  const raw = new Database(path);
  raw.prepare("UPDATE metrics SET report_json = '{\"file\": tru' WHERE call_id = ?").run(ids[1]);
  raw.close();
  const r = candor(['history', 'export', '--all', '--db', path], env);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout).calls.map((c: { title: string }) => c.title), ['one', 'three']);
  assert.match(r.stderr, new RegExp(`candor: call ${ids[1]} left out of the export: .*damaged`));
  const csv = candor(['history', 'export', '--all', '--format', 'csv', '--db', path], env);
  assert.equal(csv.code, 0);
  assert.equal(csv.stdout.trim().split('\n').length, 3);
  const show = candor(['history', 'show', String(ids[1]), '--db', path], env);
  assert.equal(show.code, 1);
  assert.match(show.stderr, new RegExp(`^candor: the stored report of call ${ids[1]} .* is damaged`));
  assert.match(show.stderr, /candor doctor/);
  noStack(show);
});

test('damaged database files: a clear message from every history command', () => {
  const empty = join(dir, 'empty.db');
  writeFileSync(empty, '');
  const trunc = join(dir, 'trunc.db');
  const { path } = dbWithCalls('trunc-src.db', ['a', 'b', 'c', 'd', 'e', 'f']);
  writeFileSync(trunc, readFileSync(path).subarray(0, 3 * 4096));
  for (const [file, re] of [[empty, /is damaged: the file is empty \(0 bytes\)/], [trunc, /is damaged: the file is truncated/]] as const) {
    for (const args of [['list'], ['show', '1'], ['search', 'x'], ['export', '--all'], ['delete', '1']]) {
      const r = candor(['history', ...args, '--db', file], env);
      assert.equal(r.code, 1, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, re);
      assert.match(r.stderr, /candor doctor --restore/);
      noStack(r);
    }
  }
  assert.equal(readFileSync(empty).length, 0, 'the 0-byte file did not become a new database');
});
