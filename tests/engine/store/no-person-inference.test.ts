// METRICS.md: no emotion, mood, personality, honesty or attention score of a
// person is inferred. Nothing in the database schema or in an analysis
// report has a place for one.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import test from 'node:test';
import { CallStore } from '../../../src-main/engine/store/calls-store';
import { analyzeCall } from '../../../src-main/engine/pipeline/analyze-call';
import { forbiddenKeys, keyWords, PERSON_INFERENCE_WORDS } from '../vision/forbidden-keys';
import { TURN_TAKING } from '../../support/scenarios';
import { buildCall, writeCall } from '../../support/synth';
import { SHARED_MODELS, tempDir } from '../../support/tmp';

process.env.CANDOR_MODELS_DIR ??= SHARED_MODELS;
const dir = tempDir();

test('no table or column of the schema names a judgement about a person', () => {
  const s = new CallStore(join(dir, 'schema.db'));
  const tables = s.db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')").pluck().all() as string[];
  assert.ok(tables.includes('calls') && tables.includes('vision_samples'));
  const bad: string[] = [];
  for (const t of tables) {
    if (keyWords(t).some((w) => PERSON_INFERENCE_WORDS.includes(w))) bad.push(t);
    for (const c of s.db.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(t) as string[]) {
      if (keyWords(c).some((w) => PERSON_INFERENCE_WORDS.includes(w))) bad.push(`${t}.${c}`);
    }
  }
  s.close();
  assert.deepEqual(bad, []);
});

test('the checker itself catches such a column', () => {
  assert.ok(keyWords('face_emotion_score').some((w) => PERSON_INFERENCE_WORDS.includes(w)));
});

test('an analysis report has no such field', async () => {
  const call = buildCall(TURN_TAKING.slice(0, 3));
  writeCall(join(dir, 'c.wav'), call);
  const { report } = await analyzeCall({ file: join(dir, 'c.wav') });
  assert.deepEqual(forbiddenKeys(report, PERSON_INFERENCE_WORDS), []);
});
