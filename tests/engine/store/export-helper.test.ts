// A JSON export read by two threads writes the same bytes as one thread:
// every call in order, a damaged call left out and named the same way, and
// the second reader stays off while a call is being recorded.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import test from 'node:test';
import { CallStore } from '../../../src-main/engine/store/calls-store';
import { exportCalls } from '../../../src-main/engine/store/export';
import { exportCallJson } from '../../../src-main/engine/store/export-call';
import { ExportHelper, HELPER_MIN_CALLS, helperAllowed } from '../../../src-main/engine/store/export-helper';
import { fillHistory } from '../../support/history-db';
import { tempDir } from '../../support/tmp';

const dir = tempDir();

/** The export without its first line (the time it was made). */
const body = (json: string): string => json.slice(json.indexOf('\n', json.indexOf('exportedAt')));

function withThreads<T>(threads: '1' | undefined, fn: () => T): T {
  const before = process.env.CANDOR_EXPORT_THREADS;
  if (threads) process.env.CANDOR_EXPORT_THREADS = threads;
  else delete process.env.CANDOR_EXPORT_THREADS;
  try {
    return fn();
  } finally {
    if (before === undefined) delete process.env.CANDOR_EXPORT_THREADS;
    else process.env.CANDOR_EXPORT_THREADS = before;
  }
}

test('the second reader hands back each call\'s JSON as this thread builds it, and its share of the calls', () => {
  const s = new CallStore(join(dir, 'helper.db'));
  try {
    const ids = fillHistory(s, { calls: 150, segments: 120, utterances: 80, seed: 3 });
    const helper = withThreads(undefined, () => ExportHelper.start(s, ids));
    assert.ok(helper, 'a history of 150 calls gets a second reader');
    // its thread starts in ~1 s under tsx, by when this one could have read every call
    assert.ok(helper.waitForReader(30_000), 'the second reader started');
    const readHere = new Set<number>();
    const texts: Buffer[] = [];
    try {
      // taken as an export takes them, with nothing else between: a check of each call here, between two takes, made
      // this thread twice as slow as the reader, which then always held the next call (this thread read none of 150)
      for (const i of ids.keys()) {
        texts.push(Buffer.from(helper.take(i, (k) => {
          readHere.add(k);
          return exportCallJson(s, ids[k]);
        })));
        helper.written(i);
      }
    } finally {
      helper.stop();
    }
    for (const [i, id] of ids.entries()) assert.equal(Buffer.compare(texts[i], exportCallJson(s, id)), 0, `call ${id}`);
    assert.ok(readHere.size < ids.length, 'the second reader exported some of the calls');
    assert.ok(readHere.size > 0, 'this thread exported some of the calls');
  } finally {
    s.close();
  }
});

test('an export of many calls with a damaged one: the same bytes and the same skip with two threads as with one', () => {
  const s = new CallStore(join(dir, 'damaged.db'));
  try {
    const ids = fillHistory(s, { calls: 90, segments: 60, utterances: 40, seed: 5 });
    const bad = ids[47];
    // a value changed behind the store's back: its seal no longer matches
    s.db.prepare('UPDATE utterances SET text = ? WHERE rowid = (SELECT min(rowid) FROM utterances WHERE call_id = ?)').run('tampered', bad);
    const one = withThreads('1', () => exportCalls(s, 'all', 'json'));
    const two = withThreads(undefined, () => exportCalls(s, 'all', 'json'));
    assert.equal(body(two), body(one));
    const parsed = JSON.parse(two) as { calls: { id: number }[]; skipped: { id: number }[] };
    assert.equal(parsed.calls.length, 89);
    assert.deepEqual(parsed.skipped.map((x) => x.id), [bad]);
  } finally {
    s.close();
  }
});

test('no second reader for a few calls, when it is turned off, or while a call is being recorded', () => {
  const s = new CallStore(join(dir, 'rules.db'));
  try {
    fillHistory(s, { calls: HELPER_MIN_CALLS - 1, segments: 4, utterances: 2 });
    assert.equal(withThreads(undefined, () => helperAllowed(s, HELPER_MIN_CALLS - 1)), false);
    fillHistory(s, { calls: 2, segments: 4, utterances: 2 });
    assert.equal(withThreads(undefined, () => helperAllowed(s, HELPER_MIN_CALLS + 1)), true);
    assert.equal(withThreads('1', () => helperAllowed(s, HELPER_MIN_CALLS + 1)), false);
    s.begin({ source: 'live', title: 'on a call now' });
    assert.equal(withThreads(undefined, () => helperAllowed(s, HELPER_MIN_CALLS + 1)), false, 'the second core is the live call\'s');
  } finally {
    s.close();
  }
});
