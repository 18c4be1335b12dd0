// Where the vision tests find models and labelled images.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { skipUnlessPresent } from '../../support/shared-data';
import { SHARED_DATA, SHARED_MODELS } from '../../support/tmp';

process.env.CANDOR_MODELS_DIR ??= SHARED_MODELS;
export const FACES_DIR = process.env.CANDOR_FACES_DIR ?? join(SHARED_DATA, 'faces');
/** The two YuNet models (../shared/models in CI). */
export const YUNET_MODELS = ['yunet_n_320_320.onnx', 'yunet_n_dynamic.onnx'].map((f) => join(process.env.CANDOR_MODELS_DIR!, f));
/** The models and the labelled photos: what most vision tests need. */
export const VISION_DATA = [...YUNET_MODELS, FACES_DIR];
/** For { skip }: locally the reason they are missing; in CI never (the test fails, naming them). */
export const SKIP = skipUnlessPresent(VISION_DATA);

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
