// Hashes recorded on first download (trust on first use) for model files
// whose manifest sha256 is "pending". `candor models fetch
// --trust-on-first-download` writes them here, in the app-data folder
// (<app data>/trusted-model-hashes.json); from then on those files are
// verified against what was recorded, exactly like manifest hashes. This
// protects against later corruption or replacement, not against a bad first
// download: that is the trade-off the user accepts with the flag.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CandorError } from '../../contract/errors';
import { appDataDir } from '../store/paths';
import { isPending, type ModelFile } from './manifest';

export interface TrustedHash {
  sha256: string;
  size: number;
  url: string;
  recordedAt: string;
}

interface TrustFile {
  version: 1;
  note: string;
  models: Record<string, Record<string, TrustedHash>>;
}

export function trustStorePath(env: NodeJS.ProcessEnv = process.env): string {
  return join(appDataDir(env), 'trusted-model-hashes.json');
}

export function readTrustStore(env: NodeJS.ProcessEnv = process.env): TrustFile {
  const path = trustStorePath(env);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return { version: 1, note: '', models: {} };
  }
  try {
    const v = JSON.parse(text) as TrustFile;
    if (v.version !== 1 || typeof v.models !== 'object' || v.models === null) throw new Error('unknown layout');
    return v;
  } catch (err) {
    throw new CandorError('MODEL_CORRUPT', `the recorded model hashes in ${path} are unreadable: ${(err as Error).message}`,
      'Delete the file and run `npm run models -- --trust-on-first-download` again.');
  }
}

export function trustedHash(model: string, file: string, env: NodeJS.ProcessEnv = process.env): TrustedHash | null {
  return readTrustStore(env).models[model]?.[file] ?? null;
}

export function recordTrustedHash(model: string, file: string, h: TrustedHash, env: NodeJS.ProcessEnv = process.env): void {
  const store = readTrustStore(env);
  store.note = 'sha256 of model files whose manifest entry is "pending", as first downloaded (trust on first use). Written by `candor models fetch --trust-on-first-download`.';
  (store.models[model] ??= {})[file] = h;
  const path = trustStorePath(env);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(`${path}.tmp`, JSON.stringify(store, null, 2) + '\n');
  renameSync(`${path}.tmp`, path);
}

/** The sha256 a file must have: the manifest's, else the recorded one, else null (unknown). */
export function expectedHash(model: string, f: ModelFile, env: NodeJS.ProcessEnv = process.env): { sha256: string; source: 'manifest' | 'recorded' } | null {
  if (!isPending(f.sha256)) return { sha256: f.sha256, source: 'manifest' };
  const t = trustedHash(model, f.path, env);
  return t ? { sha256: t.sha256, source: 'recorded' } : null;
}
