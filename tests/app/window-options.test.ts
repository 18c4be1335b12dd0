import { test } from 'node:test';
import assert from 'node:assert/strict';
import { historyWindowOptions, hudWindowOptions, SECURE_WEB_PREFERENCES } from '../../src-main/app/window-options';

for (const [name, opts] of [
  ['HUD', hudWindowOptions({ preload: '/app/out/preload/index.cjs', x: 10, y: 20 })],
  ['HUD (macOS)', hudWindowOptions({ preload: '/app/out/preload/index.cjs', platform: 'darwin' })],
  ['history', historyWindowOptions({ preload: '/app/out/preload/index.cjs' })],
] as const) {
  test(`${name} window: isolated, sandboxed, no Node, web security on`, () => {
    const w = opts.webPreferences!;
    assert.equal(w.contextIsolation, true);
    assert.equal(w.sandbox, true);
    assert.equal(w.nodeIntegration, false);
    assert.equal(w.nodeIntegrationInWorker, false);
    assert.equal(w.nodeIntegrationInSubFrames, false);
    assert.equal(w.webSecurity, true);
    assert.equal(w.allowRunningInsecureContent, false);
    assert.equal(w.webviewTag, false);
    assert.equal(w.experimentalFeatures, false);
    assert.equal(w.preload, '/app/out/preload/index.cjs');
    assert.match(w.preload!, /\.cjs$/, 'a sandboxed preload must be CommonJS');
    assert.equal(opts.show, false, 'shown explicitly once ready');
  });
}

test('the HUD floats, has no frame, stays out of the taskbar and the way', () => {
  const o = hudWindowOptions({ preload: 'p', x: 1, y: 2 });
  assert.equal(o.frame, false);
  assert.equal(o.alwaysOnTop, true);
  assert.equal(o.skipTaskbar, true);
  assert.equal(o.resizable, false);
  assert.equal(o.webPreferences?.backgroundThrottling, false, 'keeps updating while another app has focus');
  assert.deepEqual([o.x, o.y], [1, 2]);
  assert.equal(hudWindowOptions({ preload: 'p', platform: 'darwin' }).type, 'panel');
  assert.equal(hudWindowOptions({ preload: 'p', platform: 'linux' }).type, undefined);
});

test('the shared preferences cannot be changed at run time', () => {
  assert.equal(SECURE_WEB_PREFERENCES.sandbox, true);
  assert.ok(!('preload' in SECURE_WEB_PREFERENCES));
});
