// Finds a multi-file model (an ASR model folder) and verifies every file's
// sha256 (the manifest's, or the one recorded on first download) before
// anything loads it. Looks in CANDOR_MODELS_DIR, then the app-data models
// folder. Never downloads.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CandorError } from '../../contract/errors';
import { modelsDir } from '../store/paths';
import { isPending, multiFileEntry, type MultiFileEntry } from './manifest';
import { expectedHash } from './trust-store';

const verified = new Map<string, string>(); // path -> "sha:size:mtime" already verified

export function modelRoots(env: NodeJS.ProcessEnv = process.env): string[] {
  return [...new Set([env.CANDOR_MODELS_DIR, modelsDir({ ...env, CANDOR_MODELS_DIR: undefined })].filter(Boolean) as string[])];
}

export type DirStatus =
  | { name: string; status: 'ok'; root: string; dir: string }
  | { name: string; status: 'missing'; looked: string[]; missing: string[] }
  | { name: string; status: 'untrusted'; root: string; files: string[] }
  | { name: string; status: 'corrupt'; path: string; actual: string; expected: string };

function missingFiles(entry: MultiFileEntry, root: string): string[] {
  return entry.files.filter((f) => !existsSync(join(root, entry.dir, f.path))).map((f) => f.path);
}

/** Where a model folder is and whether it is intact; never throws for missing files. */
export function modelDirStatus(name: string, env: NodeJS.ProcessEnv = process.env): DirStatus {
  const entry = multiFileEntry(name);
  const roots = modelRoots(env);
  const root = roots.find((r) => missingFiles(entry, r).length === 0);
  if (!root) {
    return { name, status: 'missing', looked: roots.map((r) => join(r, entry.dir)), missing: missingFiles(entry, roots[0]) };
  }
  const untrusted: string[] = [];
  for (const f of entry.files) {
    const expected = expectedHash(name, f, env);
    if (!expected) {
      untrusted.push(f.path);
      continue;
    }
    const path = join(root, entry.dir, f.path);
    const st = statSync(path);
    const stamp = `${expected.sha256}:${st.size}:${st.mtimeMs}`;
    if (verified.get(path) === stamp) continue;
    const actual = createHash('sha256').update(readFileSync(path)).digest('hex');
    if (actual !== expected.sha256) return { name, status: 'corrupt', path, actual, expected: expected.sha256 };
    verified.set(path, stamp);
  }
  if (untrusted.length) return { name, status: 'untrusted', root, files: untrusted };
  return { name, status: 'ok', root, dir: join(root, entry.dir) };
}

/** The verified folder of a model and the models folder that holds it, or a CandorError that says how to get it. */
export function resolveModelDirSync(name: string, env: NodeJS.ProcessEnv = process.env): { root: string; dir: string } {
  const s = modelDirStatus(name, env);
  if (s.status === 'ok') return { root: s.root, dir: s.dir };
  if (s.status === 'missing') {
    throw new CandorError('MODEL_MISSING', `model ${name} is missing (looked in ${s.looked.join(', ')}; missing ${s.missing.join(', ')})`,
      multiFileEntry(name).files.some((f) => isPending(f.sha256))
        ? 'Run `npm run models -- --trust-on-first-download` to download it (its files have no published sha256 yet; see docs/asr.md), or point CANDOR_MODELS_DIR at a folder that has it.'
        : 'Run `npm run models` to download it, or point CANDOR_MODELS_DIR at a folder that has it.');
  }
  if (s.status === 'untrusted') {
    throw new CandorError('MODEL_MISSING', `model ${name} in ${s.root} cannot be verified: no sha256 is known for ${s.files.join(', ')}`,
      'Run `npm run models -- --trust-on-first-download` to record the hashes of the files as they are now, then they are checked on every load.');
  }
  throw new CandorError('MODEL_CORRUPT', `model ${name}: ${s.path} is corrupt: its sha256 is ${s.actual}, expected ${s.expected}`,
    `Delete ${s.path} and run \`npm run models\` to download it again.`);
}
