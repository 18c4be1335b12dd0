// Runs the built Electron main (out/main/index.js) in plain Node against a
// recording fake of the electron module, and checks what it did: every
// window's options, navigation and new windows refused, permissions, the
// request filter, the app:// protocol's CSP, IPC sender and payload checks.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureBuilt, ROOT } from './support/build';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
let out: any;

before(() => {
  ensureBuilt();
  const json = execFileSync(process.execPath, [
    '--import', pathToFileURL(join(ROOT, 'tests/app/support/register-fake-electron.mjs')).href,
    join(ROOT, 'tests/app/support/run-main.mjs'),
    pathToFileURL(join(ROOT, 'out/main/index.js')).href,
  ], { cwd: ROOT, encoding: 'utf8', timeout: 60_000, env: { ...process.env, ELECTRON_RENDERER_URL: '' } });
  out = JSON.parse(json);
});

test('every window is isolated, sandboxed, without Node, with web security', () => {
  assert.equal(out.windows.length, 1, 'the HUD (consent given: no history window at start)');
  for (const w of out.windows) {
    const p = w.options.webPreferences;
    assert.equal(p.contextIsolation, true);
    assert.equal(p.sandbox, true);
    assert.equal(p.nodeIntegration, false);
    assert.equal(p.webSecurity, true);
    assert.equal(p.webviewTag, false);
    assert.match(p.preload, /out\/preload\/index\.cjs$/);
  }
  assert.equal(out.sandbox, true, 'app.enableSandbox()');
});

test('the HUD floats, is shown without focus and gets a port to the engine', () => {
  const hud = out.windows[0];
  assert.equal(hud.title, 'Candor coach');
  assert.equal(hud.options.frame, false);
  assert.equal(hud.options.alwaysOnTop, true);
  assert.equal(hud.loaded, 'app://candor/hud.html');
  assert.ok(hud.calls.includes('showInactive'));
  assert.ok(!hud.calls.includes('show') && !hud.calls.includes('focus'), 'never steals focus');
  assert.equal(hud.portsHandedOver, 1);
  assert.equal(out.fork.length, 1);
  assert.match(out.fork[0].path, /out\/main\/engine-host\.js$/);
  assert.match(out.fork[0].env.CANDOR_MANIFEST, /models\/manifest\.json$/);
  const roles = out.fork[0].connects.map((c: { role: string; window?: string; ports: number }) => `${c.role}:${c.window ?? ''}:${c.ports}`);
  assert.deepEqual(roles.sort(), ['main::1', 'window:hud:1']);
});

test('navigation, redirects, webviews and new windows are refused', () => {
  assert.deepEqual(out.navigation, { 'will-navigate': true, 'will-redirect': true, 'will-attach-webview': true });
  assert.deepEqual(out.windowOpen, { action: 'deny' });
});

test('permissions: media for our own origin only', () => {
  assert.deepEqual(out.permissions, { mediaOurs: true, mediaOther: false, geolocationOurs: false, notificationsOurs: false });
  assert.deepEqual(out.displayMedia, {}, 'screen capture refused for a foreign page');
});

test('no network: requests other than app:// are cancelled, Chromium background traffic off', () => {
  assert.deepEqual(out.requestsCancelled, { https: true, ws: true, app: false });
  for (const s of ['disable-background-networking', 'disable-component-update']) assert.ok(out.switches.includes(s), s);
  assert.deepEqual(out.schemes.map((s: { scheme: string }) => s.scheme), ['app']);
});

test('app:// serves the built page with a strict CSP header and no traversal', () => {
  assert.equal(out.protocol.status, 200);
  assert.match(out.protocol.csp, /^default-src 'self'; script-src 'self'; style-src 'self'/);
  assert.doesNotMatch(out.protocol.csp, /unsafe-eval|unsafe-inline/);
  assert.match(out.protocol.body, /Content-Security-Policy/);
  assert.equal(out.protocol.traversal, 404);
});

test('IPC: sender frame and payload are checked before main acts', () => {
  assert.deepEqual(out.ipc.good, { ok: true });
  assert.equal(out.ipc.foreign.ok, false);
  assert.equal(out.ipc.foreign.e.code, 'IPC_INVALID');
  assert.equal(out.ipc.subframe.e.message, "setClickThrough: only a window's main frame may call main");
  assert.equal(out.ipc.badPayload.e.code, 'BAD_ARGUMENT');
  assert.equal(out.ipc.wrongWindow.e.message, 'exportCalls may not be called from the hud window');
  assert.equal(out.ipc.info.r.window, 'hud');
  // only the good call reached the window
  assert.deepEqual(out.hudCallsAfter.filter((c: string) => c === 'setIgnoreMouseEvents').length, 1);
  assert.ok(out.clickThroughEvent.includes('onClickThroughChanged'));
  assert.equal(out.ipcChannels.length, 10);
});

test('tray and global shortcuts', () => {
  assert.deepEqual(out.tray[0].items.filter((x: string) => x !== 'separator'),
    ['Start a call', 'Show the coach', 'Open call history', 'Pause nudges', 'Click-through coach', 'Quit Candor']);
  assert.ok(out.shortcuts.includes('CommandOrControl+Shift+Space'));
  assert.ok(out.appEvents.includes('web-contents-created'));
  assert.deepEqual(out.errors, []);
});
