// Finds and loads candor_native.node. Tries every known location, collects
// each failure, and throws ONE CandorError('NATIVE_UNAVAILABLE') that lists
// them with the ways out. CANDOR_NATIVE_PATH, when set, is the only path
// tried (so an ASan run can never silently fall back to the release build).
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CandorError } from '../../src-main/contract/errors';
import { BINDING_EXPORTS, type NativeBinding } from './types';

const BINARY = 'candor_native.node';
const here = dirname(fileURLToPath(import.meta.url));
const requireNative = createRequire(import.meta.url);

export const NATIVE_FIX_HINT =
  'Run `npm ci` (or `npm rebuild`) in the project folder to build the addon; `npm run build:native` rebuilds ' +
  'only the addon (needs a C++17 compiler, make and Python 3 for node-gyp). The addon uses Node-API, so one ' +
  'build serves Node and Electron alike; for an installed app, reinstall Candor. ' +
  'CANDOR_NATIVE_PATH=<file> selects a specific build.';

/** Every place the binary may be, in the order they are tried. */
export function candidatePaths(
  env: NodeJS.ProcessEnv = process.env,
  resourcesPath: string | undefined = (process as { resourcesPath?: string }).resourcesPath,
): string[] {
  if (env.CANDOR_NATIVE_PATH) return [resolve(env.CANDOR_NATIVE_PATH)];
  const nativeDirs = [join(here, '..')];
  // Bundled code (out/main/*.js) sits a few levels below the app root.
  for (let d = here, i = 0; i < 4; i++, d = dirname(d)) nativeDirs.push(join(dirname(d), 'native'));
  const out: string[] = [];
  if (resourcesPath) out.push(join(resourcesPath, 'app.asar.unpacked', 'native', 'build', 'Release', BINARY));
  for (const config of ['Release', 'Debug']) {
    for (const dir of nativeDirs) {
      const p = join(dir, 'build', config, BINARY);
      // A .node file cannot be loaded from inside an asar archive, only from its unpacked twin.
      if (p.includes(`app.asar${sep}`)) out.push(p.replace(`app.asar${sep}`, `app.asar.unpacked${sep}`));
      out.push(p);
    }
  }
  return [...new Set(out)];
}

function tryLoad(path: string): NativeBinding {
  if (!existsSync(path)) throw new Error('not found');
  const mod = requireNative(path) as Partial<NativeBinding>;
  const missing = BINDING_EXPORTS.filter((k) => typeof mod[k] !== 'function');
  if (missing.length > 0) throw new Error(`stale build: missing ${missing.join(', ')}`);
  return mod as NativeBinding;
}

let cached: { binding: NativeBinding; path: string } | undefined;

/** Loads the first path that works, or throws one NATIVE_UNAVAILABLE error listing every failure. */
export function loadFirst(paths: readonly string[]): { binding: NativeBinding; path: string } {
  const failures: string[] = [];
  for (const path of paths) {
    try {
      return { binding: tryLoad(path), path };
    } catch (err) {
      failures.push(`${path}: ${(err instanceof Error ? err.message : String(err)).split('\n')[0]}`);
    }
  }
  throw new CandorError(
    'NATIVE_UNAVAILABLE',
    `the native addon candor_native could not be loaded; tried:\n  - ${failures.join('\n  - ')}`,
    NATIVE_FIX_HINT,
  );
}

/** The loaded binding (loaded once per process). */
export function loadNative(env: NodeJS.ProcessEnv = process.env): NativeBinding {
  cached ??= loadFirst(candidatePaths(env));
  return cached.binding;
}

/** The file the binding was loaded from, if it is loaded. */
export function loadedNativePath(): string | undefined {
  return cached?.path;
}
