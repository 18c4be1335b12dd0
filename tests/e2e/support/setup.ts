// TEST-ONLY: one end-to-end environment: a temp folder with a real SQLite
// file, the bridge (real EngineService) on 127.0.0.1, Chromium, and a place
// for screenshots (artifacts/screenshots/).
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { HUD_SIZE } from '../../../src-main/app/window-options';
import { ensureBuilt } from '../../app/support/build';
import { startBridge, type Bridge, type BridgeOptions } from './bridge-server';
import { launch, type Browser } from './browser';
import { sampleCall } from './sample-call';
import { seedCalls } from './seed';

export const ROOT = resolve(import.meta.dirname, '..', '..', '..');
export const SHOTS = join(ROOT, 'artifacts', 'screenshots');

export interface E2E {
  dir: string;
  exportDir: string;
  bridge: Bridge;
  browser: Browser;
  seeded: number[];
  hud(): Promise<Page>;
  /** pick: what the stand-in file dialog answers; dropped files are looked up in dropDir. */
  history(o?: { pick?: string[] | null; dropDir?: string }): Promise<Page>;
  shot(page: Page, name: string, fullPage?: boolean): Promise<void>;
  close(): Promise<void>;
}

export async function e2e(opts: { consent: boolean; seed: boolean; speed?: number; callWatch?: BridgeOptions['callWatch']; analyzeFiles?: BridgeOptions['analyzeFiles'] }): Promise<E2E> {
  ensureBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'candor-e2e-run-'));
  const exportDir = join(dir, 'exports');
  mkdirSync(exportDir);
  mkdirSync(SHOTS, { recursive: true });
  process.env.CANDOR_HOME = join(dir, 'home'); // no lookups in the real app-data folder
  const bridge = await startBridge({
    dbPath: join(dir, 'candor.db'),
    rendererDir: join(ROOT, 'out', 'renderer'),
    replay: { file: sampleCall(), speed: opts.speed ?? 4 },
    callWatch: opts.callWatch,
    analyzeFiles: opts.analyzeFiles,
  });
  const seeded = opts.seed ? seedCalls(bridge.store) : [];
  if (opts.consent) await bridge.service.updateSettings({ consent: { accepted: true } });
  const browser = await launch();
  return {
    dir,
    exportDir,
    bridge,
    browser,
    seeded,
    hud: () => browser.open(`${bridge.url}/hud.html`, { window: 'hud', exportDir, ...HUD_SIZE }),
    history: (o = {}) => browser.open(`${bridge.url}/history.html`, { window: 'history', exportDir, ...o, width: 1280, height: 860 }),
    async shot(page, name, fullPage = false) {
      await page.evaluate(() => (globalThis as unknown as { document: { fonts: { ready: Promise<unknown> } } }).document.fonts.ready.then(() => true));
      await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage, animations: 'disabled' });
    },
    async close() {
      await browser.close().catch(() => undefined);
      await bridge.close().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
