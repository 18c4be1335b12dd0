// The model manifest (models/manifest.json). Two shapes of entry:
//   single file: name, file, url, sha256, size, license (VAD, vision);
//   multi file:  name, dir, files: [{path, url, sha256, size?}], license
//                (ASR models laid out for @huggingface/transformers:
//                config.json, tokenizer files, onnx/*.onnx).
// A file's sha256 is 64 hex digits, or "pending" when nobody has been able
// to fetch it yet to compute it: such a file is only installed with
// --trust-on-first-download, which records the hash seen (trust-store.ts).
// Read once; validated so that a broken manifest is caught in tests.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { CandorError } from '../../contract/errors';
import { checkDownloadUrl } from './url-policy';

export const PENDING_SHA256 = 'pending';

interface BaseEntry {
  name: string;
  kind: 'vad' | 'vision' | 'asr' | string;
  license: string;
  required?: boolean;
  [key: string]: unknown;
}

export interface SingleFileEntry extends BaseEntry {
  file: string;
  url: string;
  sha256: string;
  size?: number;
  /** A path inside node_modules where an npm package ships the same file. */
  bundled?: string;
  /** The file ships in the repository's models/ folder beside the manifest (small, licence allows it). */
  shipped?: boolean;
}

export interface ModelFile {
  /** Path inside the model's folder, with forward slashes. */
  path: string;
  url: string;
  /** 64 hex digits, or "pending" (see above). */
  sha256: string;
  size?: number;
}

export interface MultiFileEntry extends BaseEntry {
  /** Folder under the models folder; for ASR also the transformers.js model id. */
  dir: string;
  files: ModelFile[];
  /** transformers.js dtype of the ONNX files (q8 = *_quantized.onnx). */
  dtype?: string;
  /** 'en' for English-only models; absent for multilingual ones. */
  language?: string;
  /** The ASR model `candor models fetch` installs when none is named. */
  default?: boolean;
}

export type ModelEntry = SingleFileEntry | MultiFileEntry;

export function isMultiFile(e: ModelEntry): e is MultiFileEntry {
  return Array.isArray((e as MultiFileEntry).files);
}

export function isPending(sha256: string): boolean {
  return sha256 === PENDING_SHA256;
}

/**
 * The project folder: the first folder above this module that holds
 * models/manifest.json. This module sits three levels down in the sources
 * (src-main/engine/models) and two or three in a bundle (out/main,
 * out/cli/<build>); the packaged app names its manifest in CANDOR_MANIFEST.
 */
export const PROJECT_ROOT = ((): string => {
  const here = dirname(fileURLToPath(import.meta.url));
  for (let d = here, i = 0; i < 5; i++, d = dirname(d)) {
    if (existsSync(join(d, 'models', 'manifest.json')) && existsSync(join(d, 'package.json'))) return d;
  }
  return join(here, '..', '..', '..');
})();

export function manifestPath(): string {
  return process.env.CANDOR_MANIFEST || join(PROJECT_ROOT, 'models', 'manifest.json');
}

let cached: { path: string; entries: ModelEntry[] } | undefined;

function corrupt(path: string, msg: string): CandorError {
  return new CandorError('MODEL_CORRUPT', `model manifest ${path}: ${msg}`);
}

function safeRelative(p: unknown): p is string {
  return typeof p === 'string' && p.length > 0 && !p.startsWith('/') && !p.includes('\\') && !p.split('/').includes('..');
}

function checkManifestUrl(path: string, what: string, url: string): void {
  try {
    checkDownloadUrl(url);
  } catch (err) {
    throw corrupt(path, `${what}: ${(err as Error).message}`);
  }
}

function validateSingle(path: string, m: SingleFileEntry): void {
  for (const key of ['file', 'url', 'sha256'] as const) {
    if (typeof m[key] !== 'string' || m[key].length === 0) throw corrupt(path, `entry ${JSON.stringify(m.name)} has no "${key}"`);
  }
  if (!/^[0-9a-f]{64}$/.test(m.sha256)) throw corrupt(path, `${m.name} has a malformed sha256`);
  checkManifestUrl(path, m.name, m.url);
}

function validateMulti(path: string, m: MultiFileEntry): void {
  if (!safeRelative(m.dir)) throw corrupt(path, `${m.name} has a malformed "dir"`);
  if (m.files.length === 0) throw corrupt(path, `${m.name} lists no files`);
  const seen = new Set<string>();
  for (const f of m.files) {
    if (!safeRelative(f.path)) throw corrupt(path, `${m.name} has a file with a malformed "path": ${JSON.stringify(f.path)}`);
    if (seen.has(f.path)) throw corrupt(path, `${m.name} lists ${f.path} twice`);
    seen.add(f.path);
    if (typeof f.url !== 'string') throw corrupt(path, `${m.name}/${f.path} has no "url"`);
    checkManifestUrl(path, `${m.name}/${f.path}`, f.url);
    if (typeof f.sha256 !== 'string' || !(/^[0-9a-f]{64}$/.test(f.sha256) || isPending(f.sha256))) {
      throw corrupt(path, `${m.name}/${f.path} has a malformed sha256 (64 hex digits, or "${PENDING_SHA256}")`);
    }
  }
}

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
  const names = new Set<string>();
  for (const m of models as ModelEntry[]) {
    for (const key of ['name', 'license'] as const) {
      if (typeof m[key] !== 'string' || m[key].length === 0) throw corrupt(path, `entry ${JSON.stringify(m.name)} has no "${key}"`);
    }
    if (names.has(m.name)) throw corrupt(path, `two entries are named ${m.name}`);
    names.add(m.name);
    if (isMultiFile(m)) validateMulti(path, m);
    else validateSingle(path, m);
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

/** A single-file entry (VAD, vision); a multi-file name is a programming error here. */
export function fileEntry(name: string): SingleFileEntry {
  const e = manifestEntry(name);
  if (isMultiFile(e)) throw new CandorError('BAD_ARGUMENT', `model ${name} is a folder of files, not one file`);
  return e;
}

export function multiFileEntry(name: string): MultiFileEntry {
  const e = manifestEntry(name);
  if (!isMultiFile(e)) throw new CandorError('BAD_ARGUMENT', `model ${name} is one file, not a folder of files`);
  return e;
}

/** The ASR model to use when none is named: the entry marked default, else the first ASR entry. */
export function defaultAsrModel(entries = loadManifest()): MultiFileEntry | null {
  const asr = entries.filter((e): e is MultiFileEntry => e.kind === 'asr' && isMultiFile(e));
  return asr.find((e) => e.default) ?? asr[0] ?? null;
}
