import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Nudge } from '../../../src-main/contract/engine-api';
import { CandorError } from '../../../src-main/contract/errors';
import { EngineService } from '../../../src-main/engine/service/engine-service';
import { CallStore } from '../../../src-main/engine/store/calls-store';
import { reportFromSegments } from '../../../src-main/engine/store/recovery';
import { openStoreWorker } from '../../../src-main/engine/store/worker/store-client';
import { FakeSession } from './fake-session';

/**
 * The service on its store thread; the test reads and seeds the same file
 * through a CallStore of its own, as another program would.
 */
async function setup(now = () => new Date()) {
  const dir = mkdtempSync(join(tmpdir(), 'candor-svc-'));
  const store = new CallStore(join(dir, 'candor.db'));
  const client = await openStoreWorker(store.path);
  const sessions: FakeSession[] = [];
  const pushed: [string, number][] = [];
  const svc = new EngineService({
    store: client,
    captureMode: 'engine',
    now,
    version: '9.9.9',
    createCapture: async (req) => ({
      sources: [req.capture],
      push: req.capture === 'push' ? { me: { push: (p) => pushed.push(['me', p.length]) }, them: { push: (p) => pushed.push(['them', p.length]) } } : undefined,
    }),
    createSession: (req) => {
      const s = new FakeSession(req);
      sessions.push(s);
      return s;
    },
  });
  store.db.prepare("INSERT INTO settings (key, value) VALUES ('consent', ?)").run(JSON.stringify({ accepted: true, at: '2025-01-01T00:00:00.000Z' }));
  const cleanup = async () => {
    store.close();
    await client.close();
    rmSync(dir, { recursive: true, force: true });
  };
  return { dir, store, client, svc, sessions, pushed, cleanup };
}

function saveCall(store: CallStore, title: string, startedAt: Date, meSec: number, themSec: number): number {
  const segs = [
    { side: 'me' as const, start: 0, end: meSec, syllables: Math.round(meSec * 3) },
    { side: 'them' as const, start: meSec + 0.8, end: meSec + 0.8 + themSec, syllables: 0 },
  ];
  return store.saveComplete({ source: 'live', title, startedAt }, reportFromSegments('live call', segs, meSec + themSec + 1), segs);
}

test('a live call: snapshots and nudges go out as events, stop saves it', async () => {
  const { svc, sessions, cleanup } = await setup();
  try {
    const events: string[] = [];
    const nudges: Nudge[] = [];
    svc.on('onSnapshot', (s) => events.push(s.state));
    svc.on('onNudge', (n) => nudges.push(n));
    svc.on('onCallEnded', (c) => events.push(`ended ${c.title}`));
    const { callId } = await svc.startCall({ title: 'Acme discovery' });
    assert.equal((await svc.startCall({})).callId, callId, 'starting twice returns the running call');
    assert.equal(sessions.length, 1);
    assert.equal((await svc.status()).callId, callId);
    const s = sessions[0];
    s.segments = [{ side: 'me', start: 0, end: 70, syllables: 200 }, { side: 'them', start: 71, end: 80, syllables: 0 }];
    for (let t = 0; t <= 80; t += 0.25) s.tick({ elapsedSec: t, talkShare: t < 70 ? 1 : 70 / (70 + t - 70) });
    assert.equal(nudges.length, 1);
    assert.equal(nudges[0].kind, 'let-them-talk');
    assert.equal(nudges[0].atSec, 60);
    const summary = await svc.stopCall();
    assert.equal(summary?.title, 'Acme discovery');
    assert.equal(summary?.status, 'complete');
    assert.ok(summary!.talkShare! > 0.85);
    assert.equal(events[0], 'starting');
    assert.deepEqual(events.slice(-3), ['stopping', 'idle', 'ended Acme discovery']);
    assert.equal(await svc.stopCall(), null, 'nothing to stop');
    const view = await svc.getCall({ id: callId });
    assert.deepEqual(view.marks.monologues.me, [[0, 70]]);
  } finally {
    await cleanup();
  }
});

test('muted nudges stay quiet; settings reach the coach at once', async () => {
  const { svc, sessions, cleanup } = await setup();
  try {
    const nudges: Nudge[] = [];
    svc.on('onNudge', (n) => nudges.push(n));
    await svc.updateSettings({ nudges: { muted: ['let-them-talk'] } });
    await svc.startCall({});
    for (let t = 0; t <= 90; t += 0.5) sessions[0].tick({ elapsedSec: t, talkShare: 0.9 });
    assert.equal(nudges.length, 0);
    await svc.updateSettings({ nudges: { muted: [] } });
    sessions[0].tick({ elapsedSec: 91, talkShare: 0.9 });
    assert.equal(nudges.length, 1);
    await svc.stopCall();
  } finally {
    await cleanup();
  }
});

test('push capture: PCM reaches the side it names, and is dropped without a call', async () => {
  const { svc, pushed, cleanup } = await setup();
  try {
    await svc.pushAudio({ side: 'me', pcm: new Float32Array(10) });
    assert.deepEqual(pushed, []);
    await svc.startCall({ capture: 'push', sampleRate: 48000 });
    await svc.pushAudio({ side: 'them', pcm: new Float32Array(480) });
    await svc.pushAudio({ side: 'me', pcm: new Float32Array(960) });
    assert.deepEqual(pushed, [['them', 480], ['me', 960]]);
    await svc.stopCall();
  } finally {
    await cleanup();
  }
});

test('history: list, search, update, delete for good', async () => {
  const { svc, store, cleanup } = await setup();
  try {
    const a = saveCall(store, 'Quarterly review with Globex', new Date('2025-05-05T10:00:00Z'), 30, 40);
    const b = saveCall(store, 'Pricing call zanzibar', new Date('2025-05-06T10:00:00Z'), 50, 20);
    assert.deepEqual((await svc.listCalls({})).map((c) => c.id), [b, a]);
    assert.deepEqual((await svc.searchCalls({ query: 'zanz*' })).map((c) => c.id), [b]);
    assert.equal((await svc.searchCalls({ query: '  ' })).length, 2, 'an empty search lists everything');
    const changed: unknown[] = [];
    svc.on('onCallsChanged', (c) => changed.push(c));
    const v = await svc.updateCall({ id: a, notes: 'Follow up on the renewal' });
    assert.equal(v.notes, 'Follow up on the renewal');
    assert.deepEqual((await svc.searchCalls({ query: 'renewal' })).map((c) => c.id), [a]);
    await assert.rejects(svc.updateCall({ id: a, title: '   ' }), /a call needs a title/);
    assert.deepEqual(await svc.deleteCalls({ ids: [b] }), { deleted: 1 });
    await assert.rejects(svc.getCall({ id: b }), (e: unknown) => e instanceof CandorError && e.code === 'CALL_NOT_FOUND');
    assert.ok(!readFileSync(store.path).includes(Buffer.from('zanzibar')), 'the deleted title is gone from the file');
    assert.deepEqual(changed, [{ reason: 'updated', ids: [a] }, { reason: 'deleted', ids: [b] }]);
  } finally {
    await cleanup();
  }
});

test('a running call cannot be deleted', async () => {
  const { svc, cleanup } = await setup();
  try {
    const { callId } = await svc.startCall({});
    await assert.rejects(svc.deleteCalls({ ids: 'all' }), new RegExp(`call ${callId} is being recorded`));
    await svc.stopCall();
    assert.deepEqual(await svc.deleteCalls({ ids: 'all' }), { deleted: 1 });
  } finally {
    await cleanup();
  }
});

test('export writes the file the user chose', async () => {
  const { svc, store, dir, cleanup } = await setup();
  try {
    const a = saveCall(store, 'Export me, "quoted"', new Date('2025-05-05T10:00:00Z'), 30, 40);
    const json = join(dir, 'calls.json');
    const r = await svc.exportToFile({ ids: [a], format: 'json', path: json });
    assert.equal(r.calls, 1);
    assert.equal(JSON.parse(readFileSync(json, 'utf8')).calls[0].title, 'Export me, "quoted"');
    const csv = join(dir, 'calls.csv');
    await svc.exportToFile({ ids: 'all', format: 'csv', path: csv });
    assert.match(readFileSync(csv, 'utf8'), /"Export me, ""quoted"""/);
    // With an exportId (the app's exports), how far it is goes out as onExportProgress under that id.
    const progress: unknown[] = [];
    svc.on('onExportProgress', (p) => progress.push(p));
    await svc.exportToFile({ ids: 'all', format: 'json', path: json, exportId: 'export-1' });
    assert.deepEqual(progress, [{ exportId: 'export-1', done: 1, total: 1 }]);
    await assert.rejects(svc.exportToFile({ ids: [999], format: 'csv', path: join(dir, 'x.csv') }), /there is no call 999/);
    await assert.rejects(svc.exportToFile({ ids: 'all', format: 'csv', path: join(dir, 'missing', 'x.csv') }), /cannot write .*missing\/x\.csv: the folder .*missing does not exist/);
  } finally {
    await cleanup();
  }
});

test('settings persist in the store; retention deletes old calls when it changes', async () => {
  const now = new Date('2025-06-30T12:00:00Z');
  const { svc, store, client, cleanup } = await setup(() => now);
  try {
    const old = saveCall(store, 'Old', new Date('2025-03-01T10:00:00Z'), 10, 10);
    const recent = saveCall(store, 'Recent', new Date('2025-06-20T10:00:00Z'), 10, 10);
    assert.equal((await svc.getSettings()).retentionDays, 0);
    svc.startHousekeeping();
    assert.equal((await svc.listCalls({})).length, 2, 'keep forever by default');
    await svc.updateSettings({ consent: { accepted: false } });
    const s = await svc.updateSettings({ retentionDays: 30, consent: { accepted: true } });
    assert.equal(s.consent.at, now.toISOString());
    assert.deepEqual((await svc.listCalls({})).map((c) => c.id), [recent]);
    assert.ok(old);
    const again = new EngineService({ store: client, captureMode: 'engine', createCapture: () => ({ sources: [] }), createSession: () => { throw new Error('unused'); } });
    assert.equal((await again.getSettings()).retentionDays, 30);
    assert.equal((await svc.status()).calls, 1);
  } finally {
    await cleanup();
  }
});

test('trends by week', async () => {
  const now = new Date('2025-06-30T12:00:00');
  const { svc, store, cleanup } = await setup(() => now);
  try {
    saveCall(store, 'w1a', new Date('2025-06-16T10:00:00'), 30, 30);
    saveCall(store, 'w1b', new Date('2025-06-22T10:00:00'), 60, 20);
    saveCall(store, 'w2', new Date('2025-06-30T09:00:00'), 20, 60);
    const t = await svc.trends({ weeks: 4 });
    assert.deepEqual(t.map((p) => [p.week, p.calls]), [['2025-06-16', 2], ['2025-06-30', 1]]);
    assert.equal(t[0].talkShare, 0.625);
    assert.equal(t[1].talkShare, 0.25);
    assert.deepEqual(await svc.trends({ weeks: 1 }).then((x) => x.map((p) => p.week)), ['2025-06-30']);
  } finally {
    await cleanup();
  }
});

test('no capture before consent', async () => {
  const { svc, sessions, cleanup } = await setup();
  try {
    await svc.updateSettings({ consent: { accepted: false } });
    await assert.rejects(svc.startCall({}), (e: unknown) => e instanceof CandorError && e.code === 'PERMISSION_DENIED');
    assert.equal(sessions.length, 0);
  } finally {
    await cleanup();
  }
});

test('shutdown stops a running call and closes the store', async () => {
  const { svc, store, client, sessions, cleanup } = await setup();
  try {
    const { callId } = await svc.startCall({});
    sessions[0].elapsed = 5;
    await svc.shutdown();
    assert.equal(client.closed, true);
    const reopened = new CallStore(store.path);
    assert.equal(reopened.get(callId).status, 'complete');
    reopened.close();
    await assert.rejects(svc.startCall({}), /shutting down/);
  } finally {
    await cleanup();
  }
});
