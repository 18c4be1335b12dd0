// Builds the three parts of the app:
//   main     out/main/index.js (Electron main), out/main/engine-host.js (the engine's utilityProcess)
//            and its worker threads: out/main/store-worker.js (SQLite) with backup-process.js and fold-thread.js, vad-worker.js,
//            asr-worker.js with whisper-runner.js
//   preload  out/preload/index.cjs (CommonJS: sandboxed preloads cannot be ES modules)
//   renderer out/renderer/{hud,history}.html, each page with the strict CSP in a <meta>
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'electron-vite';
import type { Plugin, UserConfig } from 'vite';
import { CONTENT_SECURITY_POLICY, DEV_CONTENT_SECURITY_POLICY } from './src-main/app/csp';

const root = import.meta.dirname;

/** Puts the CSP <meta> first in <head>: the strict one in builds, a dev one for the dev server. */
function cspMeta(): Plugin {
  let dev = false;
  return {
    name: 'candor-csp-meta',
    configResolved(c) {
      dev = c.command === 'serve';
    },
    transformIndexHtml: {
      order: 'pre',
      handler(html) {
        const csp = dev ? DEV_CONTENT_SECURITY_POLICY : CONTENT_SECURITY_POLICY;
        return html.replace('<head>', `<head>\n    <meta http-equiv="Content-Security-Policy" content="${csp}" />`);
      },
    },
  };
}

/**
 * The engine's Linux capture starts `parec` through a recorder module that it
 * finds next to itself (new URL('./recorders/parec.cjs', import.meta.url));
 * in the bundle that is out/main/recorders/.
 */
function engineAssets(): Plugin {
  return {
    name: 'candor-engine-assets',
    generateBundle() {
      this.emitFile({
        type: 'asset',
        fileName: 'recorders/parec.cjs',
        source: readFileSync(resolve(root, 'src-main/engine/capture/recorders/parec.cjs')),
      });
    },
  };
}

/** The renderer's config; the e2e tests build the same pages from it. */
export const rendererConfig = {
  root: resolve(root, 'src-renderer'),
  base: './',
  plugins: [vue(), cspMeta()],
  build: {
    outDir: resolve(root, 'out/renderer'),
    modulePreload: { polyfill: false },
    rolldownOptions: {
      input: {
        hud: resolve(root, 'src-renderer/hud.html'),
        history: resolve(root, 'src-renderer/history.html'),
      },
    },
  },
} satisfies UserConfig;

export default defineConfig({
  main: {
    plugins: [engineAssets()],
    build: {
      outDir: resolve(root, 'out/main'),
      rolldownOptions: {
        input: {
          index: resolve(root, 'src-main/app/main.ts'),
          'engine-host': resolve(root, 'src-main/engine/host/main.ts'),
          // The store's worker thread, found beside the engine as ./store-worker.js (store/worker/store-client.ts).
          'store-worker': resolve(root, 'src-main/engine/store/worker/store-worker.ts'),
          // The process the store's thread (and the CLI) starts to write a backup copy, found beside it as ./backup-process.js (store/worker/backup-job.ts).
          'backup-process': resolve(root, 'src-main/engine/store/worker/backup-process.ts'),
          // The thread that folds the log in after a big delete, found beside it as ./fold-thread.js (store/worker/upkeep.ts).
          'fold-thread': resolve(root, 'src-main/engine/store/worker/fold-thread.ts'),
          // The full VACUUM that ends a delete's scrub, in a process the store's thread can kill (store/worker/upkeep.ts).
          'rewrite-process': resolve(root, 'src-main/engine/store/worker/rewrite-process.ts'),
          // The second reader of a JSON export (store/export-helper.ts), found beside whichever bundle runs the export.
          'export-thread': resolve(root, 'src-main/engine/store/export-thread.ts'),
          // The VAD's threads for file analysis (vad/vad-workers.ts) and speech recognition's thread
          // with the runner it loads (asr/worker-client.ts, asr/asr-worker.ts), found beside the engine likewise.
          'vad-worker': resolve(root, 'src-main/engine/vad/vad-worker.ts'),
          'asr-worker': resolve(root, 'src-main/engine/asr/asr-worker.ts'),
          'whisper-runner': resolve(root, 'src-main/engine/asr/whisper-runner.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: resolve(root, 'out/preload'),
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(root, 'src-main/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: rendererConfig,
});
