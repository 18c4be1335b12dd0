// Bleed removal on real speech (the pyannote sample as me, an AMI meeting
// as them) with the other side played through simulated laptop speakers
// into the room: band-limited, distorted, reverberant (sox), 30-45 ms late.
// The mic's talk time must stay close to the clean mic's; without removal
// it grows by 20 s and more.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import test from 'node:test';
import type { Span } from '../../../src-main/contract/report';
import { readMono16k } from '../../../src-main/engine/audio/read-whole';
import { writeWav } from '../../../src-main/engine/audio/wav-writer';
import { analyzeCall } from '../../../src-main/engine/pipeline/analyze-call';
import { assertPresent, skipUnlessPresent } from '../../support/shared-data';
import { SHARED_DATA, SHARED_MODELS, tempDir } from '../../support/tmp';

process.env.CANDOR_MODELS_DIR ??= SHARED_MODELS;
const R = 16000;
const DATA = [join(SHARED_DATA, 'pyannote_sample.wav'), join(SHARED_DATA, 'meetings', 'dev00.wav')];
const dir = tempDir();

const ROOMS: Record<string, string[]> = {
  'a quiet room, speakers at moderate volume': ['highpass', '200', 'lowpass', '7000', 'reverb', '30', 'gain', '-14', 'pad', '0.03'],
  'a live room, loud small speakers': ['highpass', '300', 'lowpass', '5000', 'overdrive', '5', 'reverb', '70', '50', '100', 'gain', '-8', 'pad', '0.045'],
};

const overlapWith = (s: Span, spans: Span[]): number => spans.reduce((a, [x, y]) => a + Math.max(0, Math.min(y, s[1]) - Math.max(x, s[0])), 0);

test('real speech, speaker bleed through a room', { skip: skipUnlessPresent(DATA) }, async () => {
  assertPresent(DATA);
  const meSrc = await readMono16k(join(SHARED_DATA, 'pyannote_sample.wav'));
  const themSrc = await readMono16k(join(SHARED_DATA, 'meetings', 'dev00.wav'));
  const n = 90 * R;
  const me = new Float32Array(n);
  const them = new Float32Array(n);
  const put = (dst: Float32Array, src: Float32Array, at: number, from: number, len: number): void => dst.set(src.subarray(from * R, (from + len) * R), at * R);
  put(me, meSrc, 0, 7, 8); put(them, themSrc, 9, 0, 8); put(me, meSrc, 18, 15, 8); put(them, themSrc, 27, 8, 13);
  put(me, meSrc, 41, 22, 8); put(them, themSrc, 45, 21, 7); put(me, meSrc, 55, 7, 10); put(them, themSrc, 66, 2, 20);
  writeWav(join(dir, 'them.wav'), [them], R);
  writeWav(join(dir, 'clean.wav'), [me, them], R);
  const clean = (await analyzeCall({ file: join(dir, 'clean.wav') })).report;
  for (const [room, fx] of Object.entries(ROOMS)) {
    const echoFile = join(dir, 'echo.wav');
    execFileSync('sox', ['-V1', join(dir, 'them.wav'), echoFile, ...fx, 'trim', '0', '90']);
    const echo = await readMono16k(echoFile);
    const mic = Float32Array.from(me, (x, i) => x + (echo[i] ?? 0));
    const file = join(dir, 'mix.wav');
    writeWav(file, [mic, them], R);
    const got = (await analyzeCall({ file })).report;
    const raw = (await analyzeCall({ file }, { bleed: false })).report;
    assert.ok(raw.metrics.talkSec.me > clean.metrics.talkSec.me + 15, `${room}: the bleed is real (${raw.metrics.talkSec.me} s without removal)`);
    assert.ok(Math.abs(got.metrics.talkSec.me - clean.metrics.talkSec.me) <= 3, `${room}: me ${got.metrics.talkSec.me} s, clean ${clean.metrics.talkSec.me} s`);
    // nothing of length that is not really mine
    const stray = got.segments.me.filter((s) => s[1] - s[0] > 0.6 && overlapWith(s, clean.segments.me) < 0.5 * (s[1] - s[0]));
    assert.deepEqual(stray, [], `${room}: segments of theirs counted as mine`);
    assert.deepEqual(got.metrics.interruptions, clean.metrics.interruptions, room);
  }
});
