// Where Candor keeps its files: the OS's app-data folder (XDG on Linux,
// Application Support on macOS, AppData on Windows). CANDOR_HOME overrides
// the folder as a whole; CANDOR_DB and CANDOR_MODELS_DIR override one part.
import { homedir } from 'node:os';
import { join } from 'node:path';

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
