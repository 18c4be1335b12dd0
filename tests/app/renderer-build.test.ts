// The built pages (out/renderer): each carries the strict CSP as its first
// <meta>, loads only same-folder scripts and styles, has no inline script,
// and no bundle evaluates strings as code.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../../src-main/app/csp';
import { ensureBuilt, ROOT } from './support/build';

const DIR = join(ROOT, 'out/renderer');
before(() => ensureBuilt());

for (const page of ['hud.html', 'history.html']) {
  test(`${page}: strict CSP first, nothing remote, no inline script`, () => {
    const html = readFileSync(join(DIR, page), 'utf8');
    const head = html.slice(html.indexOf('<head>') + 6).trimStart();
    assert.ok(head.startsWith(`<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}" />`), 'the CSP comes before anything it governs');
    assert.doesNotMatch(html, /unsafe-eval|unsafe-inline/);
    for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
      assert.match(m[1], /\bsrc="\.\/assets\/[^"]+\.js"/, 'scripts come from our own assets');
      assert.equal(m[2].trim(), '', 'no inline script');
    }
    for (const m of html.matchAll(/\b(?:src|href)="([^"]+)"/g)) {
      assert.match(m[1], /^(\.\/assets\/|data:,$)/, `${m[1]} is local`);
    }
    assert.doesNotMatch(html, /\sstyle="/, 'no inline style attributes');
  });
}

test('no bundle evaluates strings as code', () => {
  const js = readdirSync(join(DIR, 'assets')).filter((f) => f.endsWith('.js'));
  assert.ok(js.length >= 3);
  for (const f of js) {
    const code = readFileSync(join(DIR, 'assets', f), 'utf8');
    assert.doesNotMatch(code, /\beval\(|new Function\(/, f);
  }
});
