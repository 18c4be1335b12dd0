// Loads the built preload (out/preload/index.cjs) with a fake `electron` and
// checks what it exposes: exactly the contract's methods as window.candor,
// payloads validated before anything is sent, errors as plain
// {name, message, code}, the engine reached over the handed-over port.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { APP_METHOD_NAMES } from '../../src-main/contract/app-api';
import { ENGINE_METHOD_NAMES } from '../../src-main/contract/engine-api';
import type { CandorBridge } from '../../src-main/contract/app-api';
import { ensureBuilt, ROOT } from './support/build';

type Listener = (e: { ports: unknown[] }, msg?: unknown) => void;
const listeners = new Map<string, Listener>();
const invoked: [string, unknown][] = [];
const exposed = new Map<string, unknown>();
const required: string[] = [];
const posted: { t: string; id?: number; m: string; p?: unknown }[] = [];
let bridge: CandorBridge;

before(() => {
  ensureBuilt();
  const code = readFileSync(join(ROOT, 'out/preload/index.cjs'), 'utf8');
  const fakeElectron = {
    contextBridge: { exposeInMainWorld: (k: string, v: unknown) => exposed.set(k, v) },
    ipcRenderer: {
      on: (ch: string, cb: Listener) => listeners.set(ch, cb),
      invoke: async (ch: string, p: unknown) => {
        invoked.push([ch, p]);
        if (ch === 'candor:app:info') return { ok: true, r: { platform: 'linux', window: 'hud' } };
        return { ok: false, e: { name: 'CandorError', message: 'refused', code: 'IPC_INVALID' } };
      },
    },
  };
  const req = (id: string): unknown => {
    required.push(id);
    if (id === 'electron') return fakeElectron;
    throw new Error(`the preload may not require ${id}`);
  };
  const module = { exports: {} };
  new Function('require', 'module', 'exports', code)(req, module, module.exports);
  bridge = exposed.get('candor') as CandorBridge;
});

test('exposes window.candor and nothing else, and requires only electron', () => {
  assert.deepEqual([...exposed.keys()], ['candor']);
  assert.deepEqual(Object.keys(bridge).sort(), ['app', 'engine', 'on', 'pathForFile']);
  assert.equal(bridge.pathForFile({ name: 'call.vtt', path: '/etc/passwd' }), '', 'only a real dropped File has a path');
  assert.deepEqual(Object.keys(bridge.engine).sort(), [...ENGINE_METHOD_NAMES].sort());
  assert.deepEqual(Object.keys(bridge.app).sort(), [...APP_METHOD_NAMES].sort());
  assert.ok(Object.isFrozen(bridge.engine) && Object.isFrozen(bridge.app));
  assert.deepEqual([...new Set(required)], ['electron']);
  for (const v of [...Object.values(bridge.engine), ...Object.values(bridge.app)]) assert.equal(typeof v, 'function');
});

test('engine calls go over the port main hands over', async () => {
  const pending = bridge.engine.listCalls({ limit: 3 }); // before the port: queued
  const port = {
    onmessage: null as ((e: { data: unknown }) => void) | null,
    started: false,
    postMessage(m: { t: string; id?: number; m: string; p?: unknown }) {
      posted.push(m);
      if (m.t === 'req') setImmediate(() => port.onmessage?.({ data: { t: 'res', id: m.id, ok: true, r: [{ id: 7 }] } }));
    },
    start() {
      this.started = true;
    },
    close() {},
  };
  listeners.get('candor:engine-port')!({ ports: [port] });
  assert.deepEqual(await pending, [{ id: 7 }]);
  assert.ok(port.started);
  assert.deepEqual(posted[0], { t: 'req', id: 1, m: 'listCalls', p: { limit: 3 } });
  let nudged: unknown = null;
  bridge.on('onNudge', (n) => (nudged = n));
  port.onmessage!({ data: { t: 'evt', e: 'onNudge', p: { kind: 'slow-down' } } });
  assert.deepEqual(nudged, { kind: 'slow-down' });
});

test('a bad payload is refused in the preload, as a plain error with its code', async () => {
  const before = posted.length;
  const err = await bridge.engine.getCall({ id: 'x' as unknown as number }).then(() => null, (e: unknown) => e);
  assert.ok(!(err instanceof Error), 'a plain object: its code survives the context bridge');
  assert.deepEqual({ ...(err as object), stack: undefined }, {
    name: 'CandorError', message: 'Expected an integer between 1 and 9007199254740991 for getCall.id but received "x"', code: 'BAD_ARGUMENT', hint: undefined, stack: undefined,
  });
  assert.equal(posted.length, before, 'nothing was sent');
  const appErr = await bridge.app.setClickThrough({ enabled: 'yes' as unknown as boolean }).then(() => null, (e: { code: string }) => e.code);
  assert.equal(appErr, 'BAD_ARGUMENT');
  assert.equal(invoked.length, 0);
});

test('app calls go through ipcRenderer.invoke and unwrap the reply', async () => {
  assert.deepEqual(await bridge.app.info(), { platform: 'linux', window: 'hud' });
  const refused = await bridge.app.showHud().then(() => null, (e: { code: string; message: string }) => e);
  assert.deepEqual(refused, { name: 'CandorError', message: 'refused', code: 'IPC_INVALID' });
  assert.deepEqual(invoked.map(([c]) => c), ['candor:app:info', 'candor:app:showHud']);
  let cmd: unknown = null;
  bridge.on('onAppCommand', (c) => (cmd = c));
  listeners.get('candor:app-event')!({ ports: [] }, { e: 'onAppCommand', p: { command: 'toggle-call' } });
  assert.deepEqual(cmd, { command: 'toggle-call' });
  assert.throws(() => bridge.on('onEverything' as never, () => undefined), (e: { code: string }) => e.code === 'BAD_ARGUMENT');
});
