// Another program holds the database's write lock for seconds in the middle
// of a live call (a delete and its VACUUM in another `candor`): the call's
// checkpoints wait, keep their data in memory and commit when the lock is
// free. The call is never ended and nothing of it is lost.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import test from 'node:test';
import { ReplaySource } from '../../../src-main/engine/capture/replay-source';
import { LiveSession, type CheckpointEvent } from '../../../src-main/engine/live/live-session';
import { LIVE_BUSY_TIMEOUT_MS } from '../../../src-main/engine/service/create-engine';
import { CallStore } from '../../../src-main/engine/store/calls-store';
import { openStoreWorker } from '../../../src-main/engine/store/worker/store-client';
import { TURN_TAKING } from '../../support/scenarios';
import { buildCall, writeCall } from '../../support/synth';
import { SHARED_MODELS, tempDir } from '../../support/tmp';

process.env.CANDOR_MODELS_DIR ??= SHARED_MODELS;
const HOLD_MS = 3 * LIVE_BUSY_TIMEOUT_MS;

test('checkpoints wait out another writer\'s lock and commit after it, with everything they held', { timeout: 120_000 }, async () => {
  const dir = tempDir();
  const file = join(dir, 'call.wav');
  writeCall(file, buildCall(TURN_TAKING.slice(0, 4)));
  const path = join(dir, 'busy.db');
  const store = await openStoreWorker(path, { busyTimeoutMs: LIVE_BUSY_TIMEOUT_MS });
  const other = new CallStore(path);
  try {
    const session = new LiveSession({ store, sources: [new ReplaySource({ file }, 1)] });
    const commits: { at: number; ev: CheckpointEvent }[] = [];
    const errors: unknown[] = [];
    session.on('checkpoint', (ev: CheckpointEvent) => commits.push({ at: performance.now(), ev }));
    session.on('error', (e: unknown) => errors.push(e));
    const ended = new Promise((r) => session.once('source-end', r));
    const id = await session.start();
    await new Promise((r) => setTimeout(r, 1500));

    other.db.exec('BEGIN IMMEDIATE'); // the write lock, as another process's VACUUM holds it
    const locked = performance.now();
    const before = other.segmentRecords(id).length;
    await new Promise((r) => setTimeout(r, HOLD_MS));
    other.db.exec('COMMIT');
    const freed = performance.now();

    assert.deepEqual(errors, [], 'the lock did not end the call');
    assert.ok(!commits.some((c) => c.at > locked + 100 && c.at < freed), 'nothing committed while the lock was held');
    const after = await new Promise<{ at: number; ev: CheckpointEvent }>((r) => session.once('checkpoint', (ev: CheckpointEvent) => r({ at: performance.now(), ev })));
    assert.ok(after.ev.retried >= 1, `the waiting checkpoint was retried (${after.ev.retried})`);
    assert.ok(after.at - freed < 1500, `committed ${Math.round(after.at - freed)} ms after the lock was freed`);
    assert.ok(other.segmentRecords(id).length > before, 'the segments closed during the lock were kept and committed');
    const lastBefore = commits.filter((c) => c.at <= locked).at(-1)!.ev.atSec;
    assert.ok(after.ev.atSec > lastBefore, `the checkpoint after the lock is at ${after.ev.atSec} s, past ${lastBefore} s`);
    assert.ok(other.get(id).durationSec >= after.ev.atSec, 'and it is what the file holds');

    await ended;
    const report = await session.stop();
    const stored = other.get(id);
    assert.equal(stored.status, 'complete');
    assert.equal(stored.durationSec, report.durationSec);
    assert.equal(stored.segments.me.length, report.segments.me.length);
    assert.equal(stored.segments.them.length, report.segments.them.length);
  } finally {
    other.close();
    await store.close();
  }
});
