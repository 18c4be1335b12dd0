import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventEmitter } from 'node:events';
import { parsePactlSources } from '../../../src-main/engine/service/devices';
import { callMarks } from '../../../src-main/engine/service/timeline-marks';
import { applyRetention } from '../../../src-main/engine/service/retention';
import { captureModeFor } from '../../../src-main/engine/service/create-engine';
import { EngineService } from '../../../src-main/engine/service/engine-service';
import { startHost, type ParentPortLike, type PortLike } from '../../../src-main/engine/host/host';
import { CallStore } from '../../../src-main/engine/store/calls-store';
import { reportFromSegments } from '../../../src-main/engine/store/recovery';
import { openStoreWorker } from '../../../src-main/engine/store/worker/store-client';

async function until(what: string, ok: () => boolean, timeoutMs = 10_000): Promise<void> {
  const t0 = Date.now();
  while (!ok()) {
    if (Date.now() - t0 > timeoutMs) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

test('pactl sources: mics and monitors, with the defaults marked', () => {
  const text = [
    'Source #0', '\tState: SUSPENDED', '\tName: alsa_output.pci.analog-stereo.monitor', '\tDescription: Monitor of Built-in Audio',
    'Source #1', '\tName: alsa_input.usb-headset.mono', '\tDescription: USB Headset Microphone',
    'Source #2', '\tName: alsa_input.pci.analog-stereo', '\tDescription: Built-in Audio Analog Stereo',
  ].join('\n');
  assert.deepEqual(parsePactlSources(text, 'alsa_input.usb-headset.mono', 'alsa_output.pci.analog-stereo'), [
    { id: 'alsa_output.pci.analog-stereo.monitor', label: 'Monitor of Built-in Audio', kind: 'system', isDefault: true },
    { id: 'alsa_input.usb-headset.mono', label: 'USB Headset Microphone', kind: 'mic', isDefault: true },
    { id: 'alsa_input.pci.analog-stereo', label: 'Built-in Audio Analog Stereo', kind: 'mic', isDefault: false },
  ]);
  assert.deepEqual(parsePactlSources('', null, null), []);
});

test('timeline marks: interruptions and long monologues by the METRICS definitions', () => {
  const marks = callMarks({
    me: [[0, 40], [41, 70], [80.5, 84]],
    them: [[70.5, 82], [90, 95]],
  });
  assert.deepEqual(marks.monologues.me, [[0, 70]], 'a 1 s pause does not end it');
  assert.deepEqual(marks.interruptions.me, [[80.5, 84]], 'I came in while they were mid-turn');
  assert.deepEqual(marks.interruptions.them, []);
});

test('capture mode: the engine captures on Linux and for replays; windows push elsewhere', () => {
  assert.equal(captureModeFor('linux', false), 'engine');
  assert.equal(captureModeFor('darwin', false), 'push');
  assert.equal(captureModeFor('win32', false), 'push');
  assert.equal(captureModeFor('darwin', true), 'engine');
});

function tempStore(): { store: CallStore; done: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'candor-parts-'));
  const store = new CallStore(join(dir, 'c.db'));
  return { store, done: () => { store.close(); rmSync(dir, { recursive: true, force: true }); } };
}

test('retention never touches a call that is still recording', () => {
  const { store, done } = tempStore();
  try {
    const now = new Date('2025-06-30T00:00:00Z');
    const live = store.begin({ source: 'live', startedAt: new Date('2025-01-01T00:00:00Z') });
    const segs = [{ side: 'me' as const, start: 0, end: 5, syllables: 10 }];
    const old = store.saveComplete({ source: 'file', title: 'old', startedAt: new Date('2025-01-02T00:00:00Z') }, reportFromSegments('x', segs, 6), segs);
    assert.deepEqual(applyRetention(store, 30, now), [old]);
    assert.equal(store.get(live).status, 'recording');
    assert.deepEqual(applyRetention(store, 0, now), [], '0 keeps everything');
  } finally {
    done();
  }
});

test('host: ports from main become connections with the role main named', async () => {
  const { store, done } = tempStore();
  const client = await openStoreWorker(store.path);
  try {
    const service = new EngineService({ store: client, captureMode: 'engine', createCapture: () => ({ sources: [] }), createSession: () => { throw new Error('unused'); } });
    const parent = new EventEmitter() as EventEmitter & ParentPortLike & { sent: unknown[] };
    parent.sent = [];
    parent.postMessage = (m: unknown) => void parent.sent.push(m);
    const host = startHost(parent, service);
    assert.deepEqual(parent.sent, [{ type: 'ready' }]);
    const mkPort = () => {
      const p = new EventEmitter() as EventEmitter & PortLike & { out: { t: string; id?: number; ok?: boolean; r?: unknown; e?: { code: string } }[] };
      p.out = [];
      p.postMessage = (m: never) => void p.out.push(m);
      p.start = () => undefined;
      p.close = () => undefined;
      return p;
    };
    const win = mkPort();
    const main = mkPort();
    parent.emit('message', { data: { type: 'connect', role: 'window', window: 'hud' }, ports: [win] });
    parent.emit('message', { data: { type: 'connect', role: 'main' }, ports: [main] });
    parent.emit('message', { data: { type: 'connect', role: 'root' }, ports: [mkPort()] });
    assert.equal(host.connections.size, 2, 'an unknown role is ignored');
    const path = join(tmpdir(), `candor-host-${process.pid}.json`);
    win.emit('message', { data: { t: 'req', id: 1, m: 'exportToFile', p: { ids: 'all', format: 'json', path } } });
    main.emit('message', { data: { t: 'req', id: 2, m: 'exportToFile', p: { ids: 'all', format: 'json', path } } });
    win.emit('message', { data: { t: 'req', id: 3, m: 'listCalls', p: {} } });
    await until('the answers', () => [1, 3].every((id) => win.out.some((m) => m.id === id)) && main.out.some((m) => m.id === 2));
    assert.equal(win.out.find((m) => m.id === 1)?.e?.code, 'IPC_INVALID');
    assert.equal(main.out.find((m) => m.id === 2)?.ok, true);
    assert.deepEqual(win.out.find((m) => m.id === 3)?.r, []);
    rmSync(path, { force: true });
    win.emit('close');
    assert.equal(host.connections.size, 1);
    parent.emit('message', { data: { type: 'shutdown' }, ports: [] });
    await until('shutdown-done', () => (parent.sent.at(-1) as { type?: string }).type === 'shutdown-done');
    assert.equal(client.closed, true, 'shutdown closes the store thread');
  } finally {
    await client.close();
    done();
  }
});
