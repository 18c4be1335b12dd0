import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONTENT_SECURITY_POLICY, CSP_DIRECTIVES } from '../../src-main/app/csp';
import { registerAppProtocol, resolveAppFile } from '../../src-main/app/protocol';

test('app:// paths stay inside the renderer folder', () => {
  const root = '/app/out/renderer';
  assert.equal(resolveAppFile(root, 'app://candor/hud.html'), '/app/out/renderer/hud.html');
  assert.equal(resolveAppFile(root, 'app://candor/assets/a.js?v=1'), '/app/out/renderer/assets/a.js');
  // Dot segments are folded by the URL parser; whatever is left must stay inside the folder.
  for (const tricky of ['app://candor/%2e%2e/%2e%2e/etc/passwd.html', 'app://candor/a/../../../../hud.html', 'app://candor/..%2f..%2fpackage.json']) {
    const f = resolveAppFile(root, tricky);
    assert.ok(f === null || f.startsWith(`${root}/`), `${tricky} -> ${f}`);
  }
  assert.equal(resolveAppFile(root, 'app://candor/..%2f..%2fpackage.json'), null, 'an encoded slash that climbs out');
  for (const bad of [
    'app://candor/../../etc/passwd',
    'app://evil/hud.html', 'https://candor/hud.html', 'app://candor/', 'app://candor/secret.db', 'app://candor/x%00.html', 'app://candor/%E0%A4%A',
  ]) assert.equal(resolveAppFile(root, bad), null, bad);
});

test('every response carries the CSP', async () => {
  const root = mkdtempSync(join(tmpdir(), 'candor-proto-'));
  try {
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'hud.html'), '<!doctype html><title>x</title>');
    let handler: ((r: { url: string }) => Promise<Response> | Response) | null = null;
    registerAppProtocol({ handle: (scheme, h) => { assert.equal(scheme, 'app'); handler = h; } }, root);
    const ok = await handler!({ url: 'app://candor/hud.html' });
    assert.equal(ok.status, 200);
    assert.equal(ok.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.match(ok.headers.get('content-security-policy')!, /^default-src 'self'; script-src 'self';/);
    assert.match(ok.headers.get('content-security-policy')!, /frame-ancestors 'none'/);
    assert.equal(ok.headers.get('x-content-type-options'), 'nosniff');
    const missing = await handler!({ url: 'app://candor/nope.html' });
    assert.equal(missing.status, 404);
    assert.ok(missing.headers.get('content-security-policy'));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('the CSP allows nothing remote and no eval or inline script', () => {
  assert.equal(CSP_DIRECTIVES['default-src'], "'self'");
  assert.doesNotMatch(CONTENT_SECURITY_POLICY, /unsafe-eval|unsafe-inline|https?:|\*|wss?:/);
  assert.equal(CSP_DIRECTIVES['object-src'], "'none'");
});
