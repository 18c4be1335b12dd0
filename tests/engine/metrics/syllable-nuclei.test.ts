// The acoustic pace counts syllable nuclei: on speech with a known number of
// syllables, at several speaking rates and voices, the count is right.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import test from 'node:test';
import { analyzeCall } from '../../../src-main/engine/pipeline/analyze-call';
import { buildCall, writeCall } from '../../support/synth';
import { SHARED_MODELS, tempDir } from '../../support/tmp';

process.env.CANDOR_MODELS_DIR ??= SHARED_MODELS;
const dir = tempDir();

// 64 words, 78 syllables (counted by hand)
const TEXT = 'We looked at three options for the new onboarding flow. The first one was to keep the spreadsheets, which nobody really liked. ' +
  'The second was to buy a large platform, but the price was far too high for a team of our size. ' +
  'The third option was to build a small tool ourselves, and that is what we decided to do in the end.';
const SYLLABLES = 78;

for (const voice of ['en-us', 'en-gb+f3']) {
  test(`syllable count and pace at 110-200 wpm (${voice})`, async () => {
    let lastWpm = 0;
    for (const rate of [110, 150, 200]) {
      const call = buildCall([{ side: 'me', text: TEXT, at: 0.5, wpm: rate }], { voices: { me: voice, them: 'en-gb' } });
      const file = join(dir, `pace-${voice}-${rate}.wav`);
      writeCall(file, call);
      const { report } = await analyzeCall({ file });
      const pace = report.metrics.pace;
      assert.equal(pace.method, 'acoustic');
      const counted = pace.syllablesPerSec! * report.metrics.talkSec.me;
      assert.ok(Math.abs(counted - SYLLABLES) <= SYLLABLES * 0.12, `${voice} ${rate}: ${counted.toFixed(0)} syllables, truth ${SYLLABLES}`);
      // wpm = syllables per minute / 1.4, as METRICS.md defines it
      assert.ok(Math.abs(pace.wpm! - (pace.syllablesPerSec! * 60) / 1.4) <= 1);
      assert.ok(pace.wpm! > lastWpm, 'faster speech gives a higher pace');
      lastWpm = pace.wpm!;
    }
  });
}
