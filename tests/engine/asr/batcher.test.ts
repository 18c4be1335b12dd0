// Segment batching: short segments share one model run; each request gets its
// own utterances back in call time.
import assert from 'node:assert/strict';
import test from 'node:test';
import { SegmentBatcher } from '../../../src-main/engine/asr/batcher';
import type { AsrOutput, TranscribeRequest } from '../../../src-main/engine/asr/types';
import { fakeTranscribe } from './fixtures/fake-runner';

const RATE = 16000;
function seg(side: 'me' | 'them', startSec: number, sec: number, value: number): TranscribeRequest {
  return { side, startSec, samples: new Float32Array(Math.round(sec * RATE)).fill(value) };
}

function recorder(): { run: (s: Float32Array) => Promise<AsrOutput>; lengths: number[] } {
  const lengths: number[] = [];
  return { lengths, run: async (s) => (lengths.push(s.length / RATE), fakeTranscribe(s)) };
}

test('three short segments of one side run once, laid end to end with 0.3 s gaps', async () => {
  const r = recorder();
  const b = new SegmentBatcher(r.run, { minBatchSec: 8, maxWaitMs: 10_000 });
  const p = [b.add(seg('me', 10, 2, 0.11)), b.add(seg('me', 20, 3, 0.12)), b.add(seg('me', 31.5, 3, 0.13))];
  const got = await Promise.all(p); // 2 + 0.3 + 3 + 0.3 + 3 = 8.6 s >= 8: runs at once
  assert.deepEqual(r.lengths.map((x) => Math.round(x * 100) / 100), [8.6]);
  assert.equal(b.runs, 1);
  assert.deepEqual(got, [
    [{ side: 'me', start: 10, end: 12, text: 'seg11.' }],
    [{ side: 'me', start: 20, end: 23, text: 'seg12.' }],
    [{ side: 'me', start: 31.5, end: 34.5, text: 'seg13.' }],
  ]);
});

test('sides are batched apart; a lone short segment runs after maxWaitMs', async () => {
  const r = recorder();
  const b = new SegmentBatcher(r.run, { minBatchSec: 8, maxWaitMs: 30 });
  const t0 = Date.now();
  const [me, them] = await Promise.all([b.add(seg('me', 1, 1, 0.2)), b.add(seg('them', 1.5, 1, 0.3))]);
  assert.ok(Date.now() - t0 >= 25);
  assert.equal(b.runs, 2);
  assert.deepEqual(me, [{ side: 'me', start: 1, end: 2, text: 'seg20.' }]);
  assert.deepEqual(them, [{ side: 'them', start: 1.5, end: 2.5, text: 'seg30.' }]);
});

test('a segment that would push the batch past maxBatchSec starts a new batch', async () => {
  const r = recorder();
  const b = new SegmentBatcher(r.run, { minBatchSec: 100, maxBatchSec: 10, maxWaitMs: 10_000 });
  const a = b.add(seg('me', 0, 6, 0.4));
  const c = b.add(seg('me', 10, 6, 0.5)); // 6 + 0.3 + 6 > 10: the first runs alone
  await b.flush();
  assert.deepEqual(await a, [{ side: 'me', start: 0, end: 6, text: 'seg40.' }]);
  assert.deepEqual(await c, [{ side: 'me', start: 10, end: 16, text: 'seg50.' }]);
  assert.deepEqual(r.lengths, [6, 6]);
});

test('untimed output for a batch falls back to one run per segment', async () => {
  let calls = 0;
  const b = new SegmentBatcher(async (s) => ({ text: ` run${++calls} of ${Math.round(s.length / RATE * 10) / 10}s` }), { maxWaitMs: 10_000 });
  const p = [b.add(seg('me', 0, 1, 0.1)), b.add(seg('me', 5, 2, 0.1))];
  await b.flush();
  assert.deepEqual(await Promise.all(p), [
    [{ side: 'me', start: 0, end: 1, text: 'run2 of 1s' }],
    [{ side: 'me', start: 5, end: 7, text: 'run3 of 2s' }],
  ]);
  assert.equal(b.runs, 3);
});

test('a model error rejects every request of that batch; the next batch still runs', async () => {
  const b = new SegmentBatcher(async (s) => fakeTranscribe(s), { maxWaitMs: 10_000 });
  const bad = [b.add(seg('me', 0, 1, 0.99)), b.add(seg('me', 2, 1, 0.1))];
  await b.flush();
  for (const p of bad) await assert.rejects(p, /fake model failure/);
  const ok = b.add(seg('me', 5, 1, 0.2));
  await b.flush();
  assert.deepEqual(await ok, [{ side: 'me', start: 5, end: 6, text: 'seg20.' }]);
  await b.close();
  await assert.rejects(b.add(seg('me', 9, 1, 0.2)), /closed/);
});
