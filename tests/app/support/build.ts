// Makes sure out/ holds a build of the current sources: runs
// `electron-vite build` when any source is newer than the bundle. Test-only.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '..', '..', '..');

function newest(dir: string): number {
  let t = 0;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const st = statSync(p);
    t = Math.max(t, st.isDirectory() ? newest(p) : st.mtimeMs);
  }
  return t;
}

let done = false;

export function ensureBuilt(): void {
  if (done) return;
  const outputs = ['out/main/index.js', 'out/main/engine-host.js', 'out/main/store-worker.js', 'out/main/backup-process.js', 'out/main/fold-thread.js', 'out/main/rewrite-process.js', 'out/main/export-thread.js', 'out/main/vad-worker.js', 'out/main/asr-worker.js', 'out/main/whisper-runner.js', 'out/preload/index.cjs', 'out/renderer/hud.html', 'out/renderer/history.html']
    .map((f) => join(ROOT, f));
  const built = outputs.every(existsSync) ? Math.min(...outputs.map((f) => statSync(f).mtimeMs)) : 0;
  const sources = Math.max(newest(join(ROOT, 'src-main')), newest(join(ROOT, 'src-renderer')), statSync(join(ROOT, 'electron.vite.config.ts')).mtimeMs);
  if (sources > built) {
    execFileSync(process.execPath, [join(ROOT, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { cwd: ROOT, stdio: 'pipe', timeout: 300_000 });
  }
  done = true;
}
