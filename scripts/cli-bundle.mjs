// The candor command as plain JavaScript: src-main/cli/candor.ts and the
// worker threads it starts, each bundled on its own by esbuild into
// out/cli/<build>/ (packages stay in node_modules). Run under tsx, every
// start compiled the sources again and every thread loaded tsx's loader in
// its own isolate: about 0.9 s and 70 MB more per command (bench/audio.ts).
//
// A build is named after the newest source it was made from, so it is
// rebuilt whenever a source changes, and two commands started at once never
// read a half-written one: each builds in a folder of its own and renames it
// into place (the first rename wins; the other is thrown away).
import { cpSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = new URL('..', import.meta.url).pathname;
const OUT = join(ROOT, 'out', 'cli');

/** Bundles, by output name: the command, then the threads and processes it starts (found beside it: runtime/spawn-worker.ts, runtime/spawn-node.ts). */
const ENTRIES = {
  candor: 'src-main/cli/candor.ts',
  'vad-worker': 'src-main/engine/vad/vad-worker.ts',
  'store-worker': 'src-main/engine/store/worker/store-worker.ts',
  'backup-process': 'src-main/engine/store/worker/backup-process.ts',
  'fold-thread': 'src-main/engine/store/worker/fold-thread.ts',
  'rewrite-process': 'src-main/engine/store/worker/rewrite-process.ts',
  'export-thread': 'src-main/engine/store/export-thread.ts',
  'asr-worker': 'src-main/engine/asr/asr-worker.ts',
  'whisper-runner': 'src-main/engine/asr/whisper-runner.ts',
};
/** Files read beside the code at run time. */
const ASSETS = [['src-main/engine/capture/recorders/parec.cjs', 'recorders/parec.cjs']];
/** What a build is made from. */
const SOURCES = ['src-main', 'native/lib', 'package.json', 'scripts/cli-bundle.mjs'];
const KEEP_BUILDS = 2;

function newest(path) {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let t = st.mtimeMs;
  for (const name of readdirSync(path)) t = Math.max(t, newest(join(path, name)));
  return t;
}

/** The folder of the build made from the sources as they are now; built first if there is none. */
export async function cliBundle() {
  const stamp = Math.max(...SOURCES.map((s) => newest(join(ROOT, s))));
  const dir = join(OUT, String(Math.round(stamp)));
  if (existsSync(join(dir, 'candor.js'))) return dir;
  mkdirSync(OUT, { recursive: true });
  const tmp = join(OUT, `.building-${process.pid}-${Date.now()}`);
  try {
    const { build } = await import('esbuild'); // only when building: loading it costs ~50 ms
    await build({
      entryPoints: Object.fromEntries(Object.entries(ENTRIES).map(([name, src]) => [name, join(ROOT, src)])),
      outdir: tmp,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      sourcemap: 'linked',
      logLevel: 'warning',
    });
    for (const [from, to] of ASSETS) cpSync(join(ROOT, from), join(tmp, to));
    try {
      renameSync(tmp, dir);
    } catch (err) {
      if (!existsSync(join(dir, 'candor.js'))) throw err; // another command placed the same build first
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  prune(dir);
  return dir;
}

/** Older builds, beyond the newest few (a command still running from one keeps its files open). */
function prune(current) {
  const builds = readdirSync(OUT).filter((n) => /^\d+$/.test(n) && join(OUT, n) !== current).sort((a, b) => Number(b) - Number(a));
  for (const old of builds.slice(KEEP_BUILDS - 1)) rmSync(join(OUT, old), { recursive: true, force: true });
}
