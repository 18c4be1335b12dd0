// The streaming pipeline against calls with known truth: METRICS.md's
// numbers within stated tolerances, with bleed, overlaps, 48 kHz, two files.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import { writeWav } from '../../../src-main/engine/audio/wav-writer';
import { bridgeSpans, totalDuration } from '../../../src-main/engine/metrics/spans';
import { analyzeCall } from '../../../src-main/engine/pipeline/analyze-call';
import { MONOLOGUE, OVERLAPS, TURN_TAKING } from '../../support/scenarios';
import { buildCall, writeCall } from '../../support/synth';
import { assertPresent, skipUnlessPresent } from '../../support/shared-data';
import { SHARED_DATA, SHARED_MODELS, tempDir } from '../../support/tmp';
import { assertMatchesTruth } from '../../support/truth';

process.env.CANDOR_MODELS_DIR ??= SHARED_MODELS;
const PYANNOTE = [join(SHARED_DATA, 'pyannote_sample.wav'), join(SHARED_DATA, 'pyannote_sample.rttm')];
const JFK = [join(SHARED_DATA, 'jfk.flac')];
const dir = tempDir();

test('turn-taking call: every timing metric matches the truth', async () => {
  const call = buildCall(TURN_TAKING);
  writeCall(join(dir, 'turns.wav'), call);
  const { report } = await analyzeCall({ file: join(dir, 'turns.wav') });
  assertMatchesTruth(report, call.truth, call.durationSec, 'turns');
  assert.equal(report.metrics.patienceSec.count, 3);
});

test('bleed: their voice leaking into my mic (30 ms, -10 dB, room echo) is not me', async () => {
  const call = buildCall(TURN_TAKING, { bleed: { gain: 0.3, delayMs: 30, reverbMs: 120 } });
  writeCall(join(dir, 'bleed.wav'), call);
  const { report } = await analyzeCall({ file: join(dir, 'bleed.wav') });
  assertMatchesTruth(report, call.truth, call.durationSec, 'bleed');
  // and without removal the same file would give them to me
  const raw = await analyzeCall({ file: join(dir, 'bleed.wav') }, { bleed: false });
  assert.ok(raw.report.metrics.talkSec.me > report.metrics.talkSec.me + 5, `without bleed removal me=${raw.report.metrics.talkSec.me}`);
});

test('bleed with a short delay and no echo, plus background noise', async () => {
  const call = buildCall(TURN_TAKING, { bleed: { gain: 0.2, delayMs: 12 }, noise: 0.002 });
  writeCall(join(dir, 'bleed2.wav'), call);
  const { report } = await analyzeCall({ file: join(dir, 'bleed2.wav') });
  assertMatchesTruth(report, call.truth, call.durationSec, 'bleed2');
});

test('overlaps: interruptions both ways, with bleed on the mic', async () => {
  const call = buildCall(OVERLAPS, { bleed: { gain: 0.25, delayMs: 40, reverbMs: 80 } });
  writeCall(join(dir, 'overlaps.wav'), call);
  const { report } = await analyzeCall({ file: join(dir, 'overlaps.wav') });
  assertMatchesTruth(report, call.truth, call.durationSec, 'overlaps');
  assert.deepEqual(report.metrics.interruptions, { me: 1, them: 1 });
});

test('monologue with back-channels; their long story', async () => {
  const call = buildCall(MONOLOGUE);
  writeCall(join(dir, 'mono.wav'), call);
  const { report } = await analyzeCall({ file: join(dir, 'mono.wav') });
  assertMatchesTruth(report, call.truth, call.durationSec, 'monologue');
  assert.ok(report.metrics.longestMonologueSec.me > 13, `monologue ${report.metrics.longestMonologueSec.me}`);
});

test('48 kHz stereo gives the same numbers as 16 kHz', async () => {
  const call = buildCall(TURN_TAKING);
  writeCall(join(dir, 'turns48.wav'), call, 48000);
  const { report } = await analyzeCall({ file: join(dir, 'turns48.wav') });
  assertMatchesTruth(report, call.truth, call.durationSec, '48k');
});

test('a call recorded as two files (--me, --them)', async () => {
  const call = buildCall(TURN_TAKING);
  writeWav(join(dir, 'me.wav'), [call.channels[0]], 16000);
  writeWav(join(dir, 'them.wav'), [call.channels[1]], 16000);
  const { report } = await analyzeCall({ me: join(dir, 'me.wav'), them: join(dir, 'them.wav') });
  assertMatchesTruth(report, call.truth, call.durationSec, 'two files');
});

test('pyannote sample (mono, real meeting speech): total speech matches its RTTM', { skip: skipUnlessPresent(PYANNOTE) }, async () => {
  assertPresent(PYANNOTE);
  const rttm = readFileSync(join(SHARED_DATA, 'pyannote_sample.rttm'), 'utf8').trim().split('\n')
    .map((l) => l.split(/\s+/)).map((f) => [Number(f[3]), Number(f[3]) + Number(f[4])] as [number, number]);
  const truth = totalDuration(bridgeSpans(rttm, 0.5));
  const { report } = await analyzeCall({ file: join(SHARED_DATA, 'pyannote_sample.wav'), side: 'them' });
  assert.deepEqual(report.segments.me, []);
  const got = report.metrics.talkSec.them;
  assert.ok(Math.abs(got - truth) / truth < 0.05, `speech ${got} s vs RTTM ${truth.toFixed(2)} s`);
  assert.ok(Math.abs(report.durationSec - 30) < 0.1);
});

test('a mono recording saved as stereo (jfk.flac) is called out, a real two-channel call is not', { skip: skipUnlessPresent(JFK) }, async () => {
  assertPresent(JFK);
  const { report } = await analyzeCall({ file: join(SHARED_DATA, 'jfk.flac') });
  assert.match((report.notes ?? []).join(' '), /same audio.*--side me or --side them/);
  const call = buildCall(TURN_TAKING);
  writeCall(join(dir, 'turns-note.wav'), call);
  const real = await analyzeCall({ file: join(dir, 'turns-note.wav') });
  assert.equal(real.report.notes, undefined);
});
