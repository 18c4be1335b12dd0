// The store in its worker thread: every CallStore method and store op is
// callable by name with its types, answers and errors (as CandorErrors) come
// back in order, a bad file fails the open, and a closed or dead thread
// fails requests instead of hanging.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import { CandorError } from '../../../../src-main/contract/errors';
import { CallStore, type SegmentRecord } from '../../../../src-main/engine/store/calls-store';
import { reportFromSegments } from '../../../../src-main/engine/store/recovery';
import { openStoreWorker } from '../../../../src-main/engine/store/worker/store-client';
import { tempDir } from '../../../support/tmp';

const dir = tempDir();
const SEGS: SegmentRecord[] = [
  { side: 'me', start: 0.5, end: 5, syllables: 16 },
  { side: 'them', start: 5.6, end: 10, syllables: 0 },
];

async function rejectsWith(p: Promise<unknown>, code: string, re: RegExp): Promise<void> {
  await assert.rejects(p, (e: unknown) => {
    assert.ok(e instanceof CandorError, String(e));
    assert.equal(e.code, code, e.message);
    assert.match(e.message, re);
    return true;
  });
}

test('CallStore methods and store ops run in the thread, with their results', async () => {
  const path = join(dir, 'calls.db');
  const store = await openStoreWorker(path);
  try {
    assert.equal(store.path, path);
    const id = await store.saveComplete({ source: 'file', title: 'Acme discovery', startedAt: new Date('2025-05-05T10:00:00Z') },
      reportFromSegments('call.wav', SEGS, 12), SEGS);
    const [listed] = await store.list({});
    assert.equal(listed.id, id);
    assert.equal(listed.startedAt, '2025-05-05T10:00:00.000Z', 'a Date crosses the thread');
    const call = await store.get(id);
    assert.deepEqual(call.segments.me, [[0.5, 5]]);
    await store.update(id, { notes: 'pricing objection' });
    assert.equal((await store.search('pricing'))[0]?.id, id);
    assert.equal(await store.countCalls(), 1);
    // Another connection (another thread or process) sees what the thread committed.
    const other = new CallStore(path);
    assert.equal(other.get(id).notes, 'pricing objection');
    other.close();
    const out = join(dir, 'calls.csv');
    const r = await store.exportToFile('all', 'csv', out);
    assert.deepEqual(r, { path: out, calls: 1, bytes: readFileSync(out).length });
    assert.match(readFileSync(out, 'utf8'), /Acme discovery/);
  } finally {
    await store.close();
  }
});

test('an export reports its progress through the client while the thread writes it', async () => {
  const path = join(dir, 'progress.db');
  const seed = new CallStore(path);
  for (let i = 0; i < 250; i++) seed.saveComplete({ source: 'file', title: `Call ${i}` }, reportFromSegments('call.wav', SEGS, 12), SEGS);
  seed.close();
  const store = await openStoreWorker(path);
  try {
    for (const format of ['json', 'csv'] as const) {
      const seen: [number, number][] = [];
      const out = join(dir, `progress.${format}`);
      const r = await store.requestWithProgress('exportToFile', (done, total) => seen.push([done, total]), 'all', format, out);
      assert.equal(r.calls, 250);
      assert.deepEqual(seen, [[100, 250], [200, 250], [250, 250]], format);
    }
    // Without a listener the same operation runs as before.
    assert.equal((await store.exportToFile('all', 'csv', join(dir, 'plain.csv'))).calls, 250);
  } finally {
    await store.close();
  }
});

test('errors come back as CandorErrors, in order, and the thread goes on', async () => {
  const store = await openStoreWorker(join(dir, 'errors.db'));
  try {
    const answers = await Promise.allSettled([store.get(99), store.countCalls(), store.exportToFile([42], 'json', join(dir, 'x.json'))]);
    assert.equal(answers[0].status, 'rejected');
    await rejectsWith(Promise.reject((answers[0] as PromiseRejectedResult).reason), 'CALL_NOT_FOUND', /there is no call 99/);
    assert.deepEqual(answers[1], { status: 'fulfilled', value: 0 });
    await rejectsWith(Promise.reject((answers[2] as PromiseRejectedResult).reason), 'CALL_NOT_FOUND', /there is no call 42/);
    const unknown = (store.request as (n: string) => Promise<unknown>)('db');
    await rejectsWith(unknown, 'INTERNAL', /the store has no operation "db"/);
    await rejectsWith((store.request as (n: string) => Promise<unknown>)('tx'), 'INTERNAL', /no operation "tx"/);
  } finally {
    await store.close();
  }
});

test('a file that is not a database fails the open with the store\'s own error', async () => {
  const path = join(dir, 'not.db');
  writeFileSync(path, 'hello, this is not SQLite'.repeat(100));
  await rejectsWith(openStoreWorker(path), 'DB_UNREADABLE', /not a Candor database or is damaged/);
  assert.match(readFileSync(path, 'utf8'), /^hello/, 'the file is left as it was');
});

test('after close, requests fail at once; close twice is harmless', async () => {
  const store = await openStoreWorker(join(dir, 'closed.db'));
  await store.countCalls();
  await store.close();
  assert.equal(store.closed, true);
  await store.close();
  await rejectsWith(store.countCalls(), 'INTERNAL', /is closed/);
});
