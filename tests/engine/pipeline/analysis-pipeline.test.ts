// The pipeline's live snapshot: the timing figures of the audio so far, and
// every other field of a LiveSnapshot as the idle one has it (the live
// session fills in language, vision and capture), so the two never drift.
import assert from 'node:assert/strict';
import test from 'node:test';
import { idleSnapshot } from '../../../src-main/contract/live';
import { AnalysisPipeline } from '../../../src-main/engine/pipeline/analysis-pipeline';
import { GatedVad } from '../../../src-main/engine/vad/gated-vad';
import { TURN_TAKING } from '../../support/scenarios';
import { buildCall } from '../../support/synth';
import { SHARED_MODELS } from '../../support/tmp';

process.env.CANDOR_MODELS_DIR ??= SHARED_MODELS;

test('a snapshot mid-call: the timing so far, every other field as idle', async () => {
  const call = buildCall(TURN_TAKING);
  const pipeline = new AnalysisPipeline({ sides: ['me', 'them'], vad: await GatedVad.create(2) });
  const half = Math.floor(call.channels[0].length / 2);
  pipeline.push('me', call.channels[0].subarray(0, half));
  pipeline.push('them', call.channels[1].subarray(0, half));
  await pipeline.process();

  const snap = pipeline.snapshot(7);
  const idle = idleSnapshot();
  assert.deepEqual(Object.keys(snap), Object.keys(idle), 'the same fields, in the same order');
  assert.equal(snap.state, 'recording');
  assert.equal(snap.callId, 7);
  assert.ok(Math.abs(snap.elapsedSec - half / 16000) < 0.1, `elapsed ${snap.elapsedSec}`);
  assert.ok(snap.talkSec.me > 3 && snap.talkSec.them > 3, `both sides spoke: ${JSON.stringify(snap.talkSec)}`);
  assert.equal(snap.pace.method, 'acoustic');
  for (const k of ['questionsMe', 'fillers', 'languageAvailable', 'transcriptTail', 'vision', 'capture'] as const) {
    assert.deepEqual(snap[k], idle[k], `${k} is left to the live session`);
  }

  await pipeline.finish();
  const report = pipeline.report('turns');
  const end = pipeline.snapshot();
  assert.equal(end.callId, null);
  assert.deepEqual(end.talkSec, report.metrics.talkSec, 'the last snapshot agrees with the report');
});
