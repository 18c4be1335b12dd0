// Finds a model file on disk and checks it against the manifest's sha256
// before anything loads it. Order: CANDOR_MODELS_DIR, the app-data models
// folder (filled by `npm run models`), then a copy shipped beside the
// manifest (models/ in the repository, resources/models in the app), then a
// copy an npm package ships.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { CandorError } from '../../contract/errors';
import { modelsDir } from '../store/paths';
import { fileEntry, isMultiFile, manifestEntry, manifestPath, type SingleFileEntry, PROJECT_ROOT } from './manifest';
import { modelDirStatus, resolveModelDirSync } from './resolve-dir';

const require = createRequire(join(PROJECT_ROOT, 'package.json'));
const verified = new Map<string, string>(); // path -> "size:mtime" already verified

export function candidatePaths(entry: SingleFileEntry, env: NodeJS.ProcessEnv = process.env): string[] {
  const dirs = [env.CANDOR_MODELS_DIR, modelsDir({ ...env, CANDOR_MODELS_DIR: undefined })].filter(Boolean) as string[];
  const paths = [...new Set(dirs)].map((d) => join(d, entry.file));
  if (entry.shipped) paths.push(join(dirname(manifestPath()), entry.file));
  if (entry.bundled) {
    try {
      paths.push(require.resolve(entry.bundled));
    } catch {
      // the package is not installed: not a candidate
    }
  }
  return paths;
}

export function sha256File(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

export type ModelStatus =
  | { name: string; status: 'ok'; path: string }
  | { name: string; status: 'missing'; looked: string[] }
  | { name: string; status: 'corrupt'; path: string; actual: string };

/**
 * Where a model is and whether it is intact; never throws for a missing file.
 * A folder model (ASR) reports its folder; one whose files have no known
 * sha256 yet counts as missing here (resolve-dir.ts tells the details).
 */
export function modelStatus(name: string, env: NodeJS.ProcessEnv = process.env): ModelStatus {
  if (isMultiFile(manifestEntry(name))) {
    const d = modelDirStatus(name, env);
    if (d.status === 'ok') return { name, status: 'ok', path: d.dir };
    if (d.status === 'corrupt') return { name, status: 'corrupt', path: d.path, actual: d.actual };
    return { name, status: 'missing', looked: d.status === 'missing' ? d.looked : [d.root] };
  }
  const entry = fileEntry(name);
  const looked = candidatePaths(entry, env);
  for (const path of looked) {
    if (!existsSync(path)) continue;
    const st = statSync(path);
    const stamp = `${st.size}:${st.mtimeMs}`;
    if (verified.get(path) === stamp) return { name, status: 'ok', path };
    const actual = sha256File(path);
    if (actual !== entry.sha256) return { name, status: 'corrupt', path, actual };
    verified.set(path, stamp);
    return { name, status: 'ok', path };
  }
  return { name, status: 'missing', looked };
}

/** The verified path of a model, or a CandorError that says how to get it. */
export function resolveModelSync(name: string, env: NodeJS.ProcessEnv = process.env): string {
  if (isMultiFile(manifestEntry(name))) return resolveModelDirSync(name, env).dir;
  const s = modelStatus(name, env);
  if (s.status === 'ok') return s.path;
  if (s.status === 'missing') {
    throw new CandorError('MODEL_MISSING', `model ${name} is missing (looked in ${s.looked.join(', ')})`,
      'Run `npm run models` to download and verify it, or point CANDOR_MODELS_DIR at a folder that has it.');
  }
  throw new CandorError('MODEL_CORRUPT',
    `model ${name} at ${s.path} is corrupt: its sha256 is ${s.actual}, expected ${fileEntry(name).sha256}`,
    `Delete ${s.path} and run \`npm run models\` to download it again.`);
}

export async function resolveModel(name: string, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  return resolveModelSync(name, env);
}
