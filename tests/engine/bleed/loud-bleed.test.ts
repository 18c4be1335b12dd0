// The hard bleed case: a laptop whose speaker leaks the other side into my
// mic only 3-6 dB below my voice, 3 ms late, soft-clipped and reverberant,
// while we talk over each other. Their voice must not become mine; what
// double talk still costs (the tail of my first turn, which their louder
// voice masks) is bounded here.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import test from 'node:test';
import type { Span } from '../../../src-main/contract/report';
import { computeTimingMetrics } from '../../../src-main/engine/metrics/timing-metrics';
import { analyzeCall } from '../../../src-main/engine/pipeline/analyze-call';
import { writeCall } from '../../support/synth';
import { loudBleedCall } from '../../support/timing-calls';
import { SHARED_MODELS, tempDir } from '../../support/tmp';

process.env.CANDOR_MODELS_DIR ??= SHARED_MODELS;
const dir = tempDir();
const overlapWith = (s: Span, spans: Span[]): number => spans.reduce((a, [x, y]) => a + Math.max(0, Math.min(y, s[1]) - Math.max(x, s[0])), 0);

test('loud, early, clipped, reverberant bleed during double talk is not me', async () => {
  const call = loudBleedCall();
  const file = join(dir, 'loud.wav');
  writeCall(file, call);
  const truth = computeTimingMetrics(call.truth, call.durationSec);
  const got = (await analyzeCall({ file })).report;
  const raw = (await analyzeCall({ file }, { bleed: false })).report;
  assert.ok(raw.metrics.talkSec.me > truth.talkSec.me + 3, `the leak is real: ${raw.metrics.talkSec.me} s without removal, truth ${truth.talkSec.me} s`);
  const stray = got.segments.me.filter((s) => overlapWith(s, call.truth.me) < 0.5 * (s[1] - s[0]));
  assert.deepEqual(stray, [], 'segments of theirs counted as mine');
  assert.equal(got.segments.me.length, call.truth.me.length, JSON.stringify(got.segments.me));
  assert.ok(Math.abs(got.metrics.talkSec.me - truth.talkSec.me) <= 1.1, `me ${got.metrics.talkSec.me} s, truth ${truth.talkSec.me} s`);
  assert.deepEqual(got.metrics.talkSec.them, truth.talkSec.them);
  assert.deepEqual(got.metrics.interruptions, truth.interruptions);
  assert.equal(got.metrics.patienceSec.count, truth.patienceSec.count);
  assert.ok(Math.abs(got.metrics.patienceSec.mean! - truth.patienceSec.mean!) <= 0.1, `patience ${got.metrics.patienceSec.mean} vs ${truth.patienceSec.mean}`);
});
