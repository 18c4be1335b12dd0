// #14 defect 17: the CLI has the app's limits. `history search` refuses a
// query longer than the app's 200 characters with a clear message (5,000
// words ran past 60 s), and `history list` pages past 1,000 calls.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import test from 'node:test';
import { LIMITS } from '../../src-main/contract/engine-api';
import { CallStore } from '../../src-main/engine/store/calls-store';
import { reportFromSegments } from '../../src-main/engine/store/recovery';
import { candor } from '../support/cli';
import { tempDir } from '../support/tmp';

const dir = tempDir();
const db = join(dir, 'calls.db');
const env = { CANDOR_DB: db, CANDOR_HOME: dir };
const CALLS = 1203;

const store = new CallStore(db);
const report = reportFromSegments('call.wav', [{ side: 'me', start: 0.5, end: 5, syllables: 16 }], 20);
store.tx(() => {
  for (let i = 0; i < CALLS; i++) {
    const id = store.begin({ source: 'file', title: `call ${i} about the budget`, startedAt: new Date(Date.UTC(2025, 0, 1) + i * 60_000) });
    store.finish(id, report, []);
  }
});
store.close();

test('history search: a query longer than the app allows is refused in one line, at once', () => {
  const words = Array.from({ length: 5000 }, (_, i) => `word${i}`).join(' ');
  const t0 = Date.now();
  const r = candor(['history', 'search', words], env);
  assert.ok(Date.now() - t0 < 30_000, 'refused without running the search');
  assert.equal(r.code, 1);
  assert.match(r.stderr, new RegExp(`^candor: the search is ${words.length} characters long; Candor searches for at most ${LIMITS.queryLength}, as the app does\\n  Search for a few distinctive words`));
  const ok = candor(['history', 'search', 'x'.repeat(LIMITS.queryLength - 7), 'budget'], env);
  assert.equal(ok.code, 0, ok.stderr);
});

test('history list: the first 1,000 by default, the rest with --offset, or all of them', () => {
  const first = candor(['history', 'list', '--json'], env);
  assert.equal(first.code, 0, first.stderr);
  const page1 = JSON.parse(first.stdout) as { id: number }[];
  assert.equal(page1.length, 1000);
  assert.match(first.stderr, /showing calls 1-1000; the next ones: --offset 1000 \(or --limit all\)/);
  const rest = JSON.parse(candor(['history', 'list', '--json', '--offset', '1000'], env).stdout) as { id: number }[];
  assert.equal(rest.length, CALLS - 1000);
  const ids = new Set([...page1, ...rest].map((c) => c.id));
  assert.equal(ids.size, CALLS, 'the pages do not overlap and miss nothing');
  const all = candor(['history', 'list', '--json', '--limit', 'all'], env);
  assert.equal(JSON.parse(all.stdout).length, CALLS);
  assert.doesNotMatch(all.stderr, /showing/);
  const small = candor(['history', 'list', '--limit', '5', '--offset', '10'], env);
  assert.equal(small.stdout.trim().split('\n').length, 6, 'a header and five calls');
  assert.match(small.stderr, /showing calls 11-15; the next ones: --offset 15/);
  const bad = candor(['history', 'list', '--limit=-3'], env);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--limit must be a whole number from 1 to 5000/);
});
