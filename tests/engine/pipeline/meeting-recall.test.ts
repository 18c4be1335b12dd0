// Frame-level speech detection on real far-field meetings (four AMI
// excerpts, several speakers on one channel) against their human RTTM/UEM
// references, with plain Silero v6 measured in the same run. Fails in CI
// when ../shared/data/meetings is missing.
import assert from 'node:assert/strict';
import test from 'node:test';
import { assertPresent, skipUnlessPresent } from '../../support/shared-data';
import { MEETING_FILES, MEETING_REFS, meetingFigures } from '../../support/timing-figures';
import { SHARED_MODELS } from '../../support/tmp';

process.env.CANDOR_MODELS_DIR ??= SHARED_MODELS;
const DATA = [...MEETING_FILES, ...MEETING_REFS];

test('AMI excerpts: pooled F1 >= 0.93 at precision >= 0.95, no excerpt below 0.6, above plain Silero', { skip: skipUnlessPresent(DATA) }, async () => {
  assertPresent(DATA);
  const candor = await meetingFigures('candor');
  const plain = await meetingFigures('plainSilero');
  const show = JSON.stringify({ candor, plainSilero: plain });
  assert.ok(candor.pooled.f1 >= 0.93, `pooled F1: ${show}`);
  assert.ok(candor.pooled.precision >= 0.95, `pooled precision: ${show}`);
  for (const [id, s] of Object.entries(candor.perExcerpt)) assert.ok(s.f1 >= 0.6, `${id} F1: ${show}`);
  assert.ok(candor.pooled.recall > plain.pooled.recall + 0.05, `recall vs plain Silero: ${show}`);
});
