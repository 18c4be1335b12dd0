// Where Candor keeps its files: the OS's app-data folder (XDG on Linux,
// Application Support on macOS, AppData on Windows). CANDOR_HOME overrides
// the folder as a whole; CANDOR_DB and CANDOR_MODELS_DIR override one part.
import { realpathSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';

export function appDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.CANDOR_HOME) return env.CANDOR_HOME;
  const home = homedir();
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Candor');
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Candor');
  return join(env.XDG_DATA_HOME || join(home, '.local', 'share'), 'candor');
}

export function defaultDbPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.CANDOR_DB || join(appDataDir(env), 'candor.db');
}

export function modelsDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.CANDOR_MODELS_DIR || join(appDataDir(env), 'models');
}

/** Where kept call audio goes (calls recorded with --keep-audio / the keep-audio setting). */
export function audioDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(appDataDir(env), 'audio');
}

/**
 * Whether `file` names an entry inside `folder` (or a folder below it), with
 * symlinked folders resolved on both sides. A missing folder holds nothing.
 */
export function isInsideFolder(folder: string, file: string): boolean {
  let root: string;
  let parent: string;
  try {
    root = realpathSync(folder);
    parent = realpathSync(dirname(resolve(file)));
  } catch {
    return false;
  }
  const rel = relative(root, join(parent, basename(resolve(file))));
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}
