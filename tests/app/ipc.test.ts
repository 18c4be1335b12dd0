import { test } from 'node:test';
import assert from 'node:assert/strict';
import { APP_METHODS, appChannel } from '../../src-main/contract/app-api';
import { checkAppCall, registerAppIpc, type AppHandlers, type AppReply, type IpcEventLike } from '../../src-main/app/ipc';

const ctx = { windowOf: (id: number) => (id === 1 ? 'hud' as const : id === 2 ? 'history' as const : null) };
const ev = (id: number, url: string, parent: unknown = null): IpcEventLike => ({ sender: { id }, senderFrame: { url, parent } });
const HUD = ev(1, 'app://candor/hud.html');
const HISTORY = ev(2, 'app://candor/history.html');

function refused(r: ReturnType<typeof checkAppCall>): string {
  assert.equal(r.ok, false);
  return r.ok ? '' : `${r.error.code}: ${r.error.message}`;
}

test('a good call from the right window passes with its validated payload', () => {
  const r = checkAppCall('setClickThrough', HUD, { enabled: true }, ctx);
  assert.deepEqual(r, { ok: true, payload: { enabled: true }, from: 'hud' });
  const e = checkAppCall('exportCalls', HISTORY, { ids: [3, 4], format: 'csv' }, ctx);
  assert.ok(e.ok);
});

test('the sender frame is checked before the payload', () => {
  assert.equal(refused(checkAppCall('info', { sender: { id: 1 }, senderFrame: null }, undefined, ctx)), 'IPC_INVALID: info: the sending frame is gone');
  assert.equal(refused(checkAppCall('info', ev(1, 'app://candor/hud.html', {}), undefined, ctx)),
    "IPC_INVALID: info: only a window's main frame may call main");
  assert.equal(refused(checkAppCall('info', ev(1, 'https://evil.example/hud.html'), undefined, ctx)),
    'IPC_INVALID: info: refused a call from https://evil.example/hud.html');
  assert.equal(refused(checkAppCall('info', ev(9, 'app://candor/hud.html'), undefined, ctx)),
    'IPC_INVALID: info: refused a call from app://candor/hud.html', 'a webContents that is not one of our windows');
  assert.equal(refused(checkAppCall('info', ev(1, 'app://candor/history.html'), undefined, ctx)),
    'IPC_INVALID: info: refused a call from app://candor/history.html', 'the HUD window showing another page');
  assert.equal(refused(checkAppCall('exportCalls', HUD, { ids: 'all', format: 'json' }, ctx)),
    'IPC_INVALID: exportCalls may not be called from the hud window');
  assert.equal(refused(checkAppCall('hideHud', HISTORY, undefined, ctx)), 'IPC_INVALID: hideHud may not be called from the history window');
});

test('payloads are validated against the contract', () => {
  assert.equal(refused(checkAppCall('setClickThrough', HUD, { enabled: 'yes' }, ctx)),
    'BAD_ARGUMENT: Expected a boolean for setClickThrough.enabled but received "yes"');
  assert.equal(refused(checkAppCall('setClickThrough', HUD, { enabled: true, x: 1 }, ctx)),
    'BAD_ARGUMENT: Expected no such key (allowed: enabled) for setClickThrough.x but received number 1');
  assert.equal(refused(checkAppCall('openHistory', HUD, { view: 'admin' }, ctx)),
    'BAD_ARGUMENT: Expected one of list, trends, settings, consent for openHistory.view but received "admin"');
  assert.equal(refused(checkAppCall('exportCalls', HISTORY, { ids: [], format: 'csv' }, ctx)),
    "BAD_ARGUMENT: Expected 'all' or a non-empty array of call ids for exportCalls.ids but received an array of length 0");
  assert.equal(refused(checkAppCall('info', HUD, { please: true }, ctx)), 'BAD_ARGUMENT: Expected no payload for info but received an object');
  assert.ok(checkAppCall('permissions', HUD, { request: true }, ctx).ok);
});

test('registerAppIpc answers every method, refusing before the handler runs', async () => {
  const handlers = new Map<string, (e: IpcEventLike, p: unknown) => Promise<unknown>>();
  const ran: string[] = [];
  const impl = Object.fromEntries(Object.keys(APP_METHODS).map((m) => [m, async (p: unknown) => {
    ran.push(m);
    if (m === 'showHud') throw Object.assign(new Error('no display'), {});
    return p ?? null;
  }])) as unknown as AppHandlers;
  registerAppIpc({ handle: (c, fn) => handlers.set(c, fn) }, ctx, impl);
  assert.deepEqual([...handlers.keys()].sort(), (Object.keys(APP_METHODS) as (keyof typeof APP_METHODS)[]).map(appChannel).sort());
  const call = (m: string, e: IpcEventLike, p?: unknown) => handlers.get(`candor:app:${m}`)!(e, p) as Promise<AppReply>;
  assert.deepEqual(await call('setClickThrough', HUD, { enabled: false }), { ok: true, r: { enabled: false } });
  const bad = await call('setClickThrough', ev(1, 'https://evil.example/'), { enabled: true });
  assert.equal(bad.ok, false);
  assert.equal(!bad.ok && bad.e.code, 'IPC_INVALID');
  assert.equal(!bad.ok && bad.e.stack, undefined, 'no stack for a refusal');
  const failed = await call('showHud', HUD);
  assert.equal(!failed.ok && failed.e.message, 'no display');
  assert.deepEqual(ran, ['setClickThrough', 'showHud']);
});
