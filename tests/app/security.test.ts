import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  hardenWebContents, installSessionGuards, isTrustedUrl, pageKind, pageUrl, permissionAllowed, requestAllowed, type SessionLike,
} from '../../src-main/app/security';

test('only our own pages are trusted', () => {
  assert.equal(pageUrl('hud'), 'app://candor/hud.html');
  assert.equal(pageUrl('history', 'http://localhost:5173'), 'http://localhost:5173/history.html');
  assert.ok(isTrustedUrl('app://candor/hud.html'));
  for (const bad of ['app://evil/hud.html', 'https://candor/hud.html', 'file:///etc/passwd', 'http://localhost:5173/hud.html', 'javascript:alert(1)', '', null, 'not a url']) {
    assert.ok(!isTrustedUrl(bad), String(bad));
  }
  assert.ok(isTrustedUrl('http://localhost:5173/hud.html', 'http://localhost:5173'), 'the dev server, in development only');
  assert.ok(!isTrustedUrl('http://localhost:5174/hud.html', 'http://localhost:5173'));
  assert.equal(pageKind('app://candor/hud.html'), 'hud');
  assert.equal(pageKind('app://candor/history.html#x'), 'history');
  assert.equal(pageKind('app://candor/other.html'), null);
  assert.equal(pageKind('https://evil.example/hud.html'), null);
});

test('permissions: media for our pages only, nothing else for anyone', () => {
  assert.ok(permissionAllowed('media', 'app://candor/hud.html', null, { mediaTypes: ['audio'] }));
  assert.ok(permissionAllowed('media', 'app://candor/hud.html', null, { mediaTypes: ['audio', 'video'] }));
  assert.ok(!permissionAllowed('media', 'https://evil.example/', null, { mediaTypes: ['audio'] }));
  assert.ok(!permissionAllowed('media', undefined, null));
  for (const p of ['geolocation', 'notifications', 'clipboard-read', 'openExternal', 'midiSysex', 'display-capture', 'fullscreen', 'hid', 'serial']) {
    assert.ok(!permissionAllowed(p, 'app://candor/hud.html'), p);
  }
});

test('no request leaves for the network', () => {
  assert.ok(requestAllowed('app://candor/assets/hud.js'));
  assert.ok(requestAllowed('data:image/png;base64,AAAA'));
  assert.ok(requestAllowed('blob:app://candor/123'));
  for (const bad of ['https://example.com/', 'http://127.0.0.1:8080/', 'ws://localhost:1234/', 'wss://x.example/', 'ftp://x/', 'app://evil/x.js', 'file:///etc/passwd']) {
    assert.ok(!requestAllowed(bad), bad);
  }
  assert.ok(requestAllowed('ws://localhost:5173/', 'http://localhost:5173'), 'HMR in development');
});

test('hardenWebContents refuses navigation, redirects, webviews and new windows', () => {
  const handlers = new Map<string, (e: { preventDefault(): void }, ...a: unknown[]) => void>();
  let openHandler: ((d: { url: string }) => { action: string }) | null = null;
  const log: string[] = [];
  hardenWebContents({
    on: (ev, cb) => handlers.set(ev, cb),
    setWindowOpenHandler: (h) => (openHandler = h),
  }, (l) => log.push(l));
  for (const ev of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
    let prevented = false;
    handlers.get(ev)!({ preventDefault: () => (prevented = true) }, 'https://evil.example/');
    assert.ok(prevented, ev);
  }
  assert.deepEqual(openHandler!({ url: 'https://evil.example/' }), { action: 'deny' });
  assert.deepEqual(openHandler!({ url: 'app://candor/history.html' }), { action: 'deny' });
  assert.ok(log.some((l) => l.includes('refused navigation')));
});

test('installSessionGuards wires the permission and request rules', () => {
  let request: Parameters<SessionLike['setPermissionRequestHandler']>[0] = null;
  let check: Parameters<SessionLike['setPermissionCheckHandler']>[0] = null;
  let before: ((d: { url: string }, cb: (r: { cancel: boolean }) => void) => void) | null = null;
  let device: ((d: unknown) => boolean) | null = null;
  installSessionGuards({
    setPermissionRequestHandler: (h) => (request = h),
    setPermissionCheckHandler: (h) => (check = h),
    setDevicePermissionHandler: (h) => (device = h),
    webRequest: { onBeforeRequest: (_f, cb) => (before = cb) },
  });
  const ask = (perm: string, url: string): boolean => {
    let r: boolean | null = null;
    request!(null, perm, (g) => (r = g), { requestingUrl: url, mediaTypes: ['audio'] });
    return r!;
  };
  assert.equal(ask('media', 'app://candor/hud.html'), true);
  assert.equal(ask('media', 'https://evil.example/'), false);
  assert.equal(ask('notifications', 'app://candor/hud.html'), false);
  assert.equal(check!(null, 'media', 'app://candor'), true);
  assert.equal(check!(null, 'media', 'https://evil.example'), false);
  assert.equal(device!({}), false);
  const cancel = (url: string): boolean => {
    let r: boolean | null = null;
    before!({ url }, (x) => (r = x.cancel));
    return r!;
  };
  assert.equal(cancel('https://tracker.example/pixel'), true);
  assert.equal(cancel('app://candor/hud.html'), false);
});
