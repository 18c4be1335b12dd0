// Where the vision tests find models and labelled images.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SHARED_DATA, SHARED_MODELS } from '../../support/tmp';

process.env.CANDOR_MODELS_DIR ??= SHARED_MODELS;
export const FACES_DIR = process.env.CANDOR_FACES_DIR ?? join(SHARED_DATA, 'faces');
export const MODELS_PRESENT = ['yunet_n_320_320.onnx', 'yunet_n_dynamic.onnx'].every((f) => existsSync(join(process.env.CANDOR_MODELS_DIR!, f)));
export const SKIP = MODELS_PRESENT && existsSync(FACES_DIR) ? false : 'YuNet models or face images not found';

/** faces.tsv: file -> { min, exact } ("1" is exact, ">=40" is a minimum). */
export function expectedCounts(): Map<string, { count: number; exact: boolean }> {
  const out = new Map<string, { count: number; exact: boolean }>();
  const lines = readFileSync(join(FACES_DIR, 'faces.tsv'), 'utf8').trim().split('\n').slice(1);
  for (const line of lines) {
    const [file, faces] = line.split('\t');
    out.set(file, { count: Number(faces.replace('>=', '')), exact: !faces.startsWith('>=') });
  }
  return out;
}
