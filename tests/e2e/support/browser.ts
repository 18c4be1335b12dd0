// TEST-ONLY: Chromium driven by playwright-core, with the shim injected into
// every page before the page's own scripts, and every console error or CSP
// violation collected.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildSync } from 'esbuild';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { resolveCallFiles } from '../../../src-main/app/call-files';
import { serializeError } from '../../../src-main/contract/errors';

const ROOT = resolve(import.meta.dirname, '..', '..', '..');

let shimCode: string | null = null;

/** The shim as one browser script (bundled from browser-shim.ts). */
export function shim(): string {
  shimCode ??= buildSync({
    entryPoints: [join(ROOT, 'tests/e2e/support/browser-shim.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    write: false,
  }).outputFiles[0].text;
  return shimCode;
}

export interface Browser {
  context: BrowserContext;
  problems: string[];
  open(url: string, opts: { window: 'hud' | 'history'; exportDir: string; dropDir?: string; pick?: string[] | null; width: number; height: number }): Promise<Page>;
  close(): Promise<void>;
}

export async function launch(): Promise<Browser> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'candor-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CANDOR_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    viewport: { width: 1280, height: 860 },
    deviceScaleFactor: 1,
    reducedMotion: 'reduce',
    colorScheme: 'light',
  });
  const problems: string[] = [];
  return {
    context,
    problems,
    async open(url, o) {
      const page = await context.newPage();
      await page.setViewportSize({ width: o.width, height: o.height });
      page.on('console', (m) => {
        if (m.type() === 'error' || /Content Security Policy|Refused to/i.test(m.text())) problems.push(`${o.window}: ${m.text()}`);
      });
      page.on('pageerror', (e) => problems.push(`${o.window}: ${e.message}`));
      // main's check of picked and dropped files runs here in Node, as in the app's main process.
      await page.exposeFunction('__candorResolveCallFiles', (paths: string[]) => {
        try {
          return { ok: true, r: resolveCallFiles(paths) };
        } catch (err) {
          const { stack: _s, ...e } = serializeError(err);
          return { ok: false, e };
        }
      });
      const cfg = { exportDir: o.exportDir, dropDir: o.dropDir ?? o.exportDir, pick: o.pick ?? null, window: o.window, calls: [] };
      await page.addInitScript({ content: `window.__candorTest = ${JSON.stringify(cfg)};` });
      await page.addInitScript({ content: shim() });
      await page.goto(url);
      return page;
    },
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
