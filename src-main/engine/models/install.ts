// Installs a model from the manifest into the models folder: each missing or
// damaged file is downloaded (download.ts) and verified. A file whose sha256
// is "pending" is refused unless trustOnFirstDownload is set; then the hash
// seen is recorded (trust-store.ts). Used by `candor models fetch` only.
import { existsSync, rmSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { CandorError } from '../../contract/errors';
import { modelsDir } from '../store/paths';
import { downloadFile, sha256OfFile } from './download';
import { isMultiFile, isPending, type ModelEntry, type ModelFile } from './manifest';
import { modelStatus } from './resolve';
import { expectedHash, recordTrustedHash } from './trust-store';

export interface InstallOptions {
  trustOnFirstDownload?: boolean;
  env?: NodeJS.ProcessEnv;
  /** Progress of one file: its path in the model, bytes done, total. */
  onProgress?: (file: string, done: number, total: number | null) => void;
  /** Said once per file: "ok", "downloaded", "replaced a damaged copy" ... */
  onFile?: (file: string, what: string) => void;
  retryDelayMs?: number;
}

export interface InstallResult {
  name: string;
  downloaded: string[];
  alreadyThere: string[];
  recorded: string[];
}

/** A manifest name must stay inside the models folder: no absolute path, no `..`, no backslash. */
export function confinedDest(root: string, name: string, dest: string): string {
  const bad = isAbsolute(dest) || dest.includes('\\') || dest.split('/').some((seg) => seg === '..');
  const full = resolve(root, dest);
  const rel = relative(resolve(root), full);
  if (bad || rel === '' || rel.startsWith('..') || isAbsolute(rel)) {
    throw new CandorError('MODEL_CORRUPT', `model ${name}: file name "${dest}" would leave the models folder; refused`,
      'fix the model manifest: file names must be plain paths inside the models folder');
  }
  return full;
}

function filesOf(entry: ModelEntry): { file: ModelFile; dest: string }[] {
  if (isMultiFile(entry)) return entry.files.map((file) => ({ file, dest: join(entry.dir, file.path) }));
  return [{ file: { path: entry.file, url: entry.url, sha256: entry.sha256, size: entry.size }, dest: entry.file }];
}

export async function installModel(entry: ModelEntry, opts: InstallOptions = {}): Promise<InstallResult> {
  const env = opts.env ?? process.env;
  const root = modelsDir(env);
  const result: InstallResult = { name: entry.name, downloaded: [], alreadyThere: [], recorded: [] };
  if (!isMultiFile(entry) && modelStatus(entry.name, env).status === 'ok') {
    result.alreadyThere.push(entry.file);
    opts.onFile?.(entry.file, 'ok (already installed or shipped by an npm package)');
    return result;
  }
  const files = filesOf(entry);
  const unknown = files.filter(({ file }) => isPending(file.sha256) && !expectedHash(entry.name, file, env));
  if (unknown.length && !opts.trustOnFirstDownload) {
    throw new CandorError('MODEL_MISSING',
      `model ${entry.name} has no published sha256 for ${unknown.map((u) => u.file.path).join(', ')}, so Candor cannot verify the download`,
      'Pass --trust-on-first-download to download it anyway and record the hashes seen now (in the app-data folder); ' +
        'every later load is checked against them. See docs/asr.md.');
  }
  for (const { dest } of files) confinedDest(root, entry.name, dest);
  for (const { file, dest } of files) {
    const path = confinedDest(root, entry.name, dest);
    const expected = expectedHash(entry.name, file, env)?.sha256 ?? null;
    if (existsSync(path)) {
      const actual = await sha256OfFile(path);
      if (expected === null) {
        recordTrustedHash(entry.name, file.path, { sha256: actual, size: statSync(path).size, url: file.url, recordedAt: new Date().toISOString() }, env);
        result.recorded.push(file.path);
        result.alreadyThere.push(file.path);
        opts.onFile?.(file.path, 'present; hash recorded (trust on first use)');
        continue;
      }
      if (actual === expected) {
        result.alreadyThere.push(file.path);
        opts.onFile?.(file.path, 'ok');
        continue;
      }
      rmSync(path);
      opts.onFile?.(file.path, `damaged copy removed (sha256 ${actual.slice(0, 12)}..., expected ${expected.slice(0, 12)}...)`);
    }
    const r = await downloadFile({
      url: file.url,
      dest: path,
      sha256: expected,
      size: file.size,
      retryDelayMs: opts.retryDelayMs,
      onProgress: opts.onProgress ? (d, t) => opts.onProgress!(file.path, d, t) : undefined,
    });
    result.downloaded.push(file.path);
    if (expected === null) {
      recordTrustedHash(entry.name, file.path, { sha256: r.sha256, size: r.bytes, url: file.url, recordedAt: new Date().toISOString() }, env);
      result.recorded.push(file.path);
      opts.onFile?.(file.path, `downloaded${r.resumed ? ' (resumed)' : ''}; sha256 ${r.sha256} recorded (trust on first download)`);
    } else opts.onFile?.(file.path, `downloaded${r.resumed ? ' (resumed)' : ''} and verified`);
  }
  return result;
}
