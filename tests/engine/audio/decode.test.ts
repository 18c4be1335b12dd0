// Every supported format decodes, at any rate, and every kind of bad input
// fails with an error that names the problem and the way out.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import { CandorError } from '../../../src-main/contract/errors';
import { openCallAudio } from '../../../src-main/engine/audio/call-audio';
import { openAudioFile } from '../../../src-main/engine/audio/decode/open-audio-file';
import { encodeWav } from '../../../src-main/engine/audio/wav-writer';
import { assertPresent, skipUnlessPresent } from '../../support/shared-data';
import { SHARED_DATA, tempDir } from '../../support/tmp';

const JFK = [join(SHARED_DATA, 'jfk.flac')];

const dir = tempDir();
const RATE = 16000;

function tone(seconds: number, rate: number, freq: number): Float32Array {
  return Float32Array.from({ length: Math.round(seconds * rate) }, (_, i) => 0.5 * Math.sin((2 * Math.PI * freq * i) / rate));
}

async function decodeAll(path: string) {
  const s = await openAudioFile(path);
  const chans: number[][] = Array.from({ length: s.info.channels }, () => []);
  for await (const chunk of s.chunks()) chunk.forEach((c, i) => chans[i].push(...c));
  return { info: s.info, channels: chans.map((c) => Float32Array.from(c)) };
}

async function rejects(p: Promise<unknown>, code: string, re: RegExp): Promise<CandorError> {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof CandorError, `expected a CandorError, got ${err}`);
    assert.equal(err.code, code, err.message);
    assert.match(`${err.message} ${err.hint ?? ''}`, re);
    assert.ok(err.hint && err.hint.length > 10, 'the error says what to do');
    return err;
  }
  assert.fail(`expected ${code}`);
}

const stereo = [tone(1.5, 44100, 440), tone(1.5, 44100, 660)];
const wav16 = join(dir, 'pcm16.wav');
writeFileSync(wav16, encodeWav(stereo, 44100));

test('WAV 16/24/32-bit integer and 32-bit float, any rate', async () => {
  const variants: [string, string[]][] = [
    ['pcm24.wav', ['-b', '24', '-e', 'signed-integer']],
    ['pcm32.wav', ['-b', '32', '-e', 'signed-integer']],
    ['float.wav', ['-b', '32', '-e', 'floating-point']],
    ['pcm16-48k.wav', ['-b', '16', '-r', '48000']],
  ];
  const ref = await decodeAll(wav16);
  assert.equal(ref.info.codec, 'PCM 16-bit');
  assert.equal(ref.info.channels, 2);
  assert.ok(Math.abs(ref.channels[0][100] - stereo[0][100]) < 1e-4);
  for (const [name, args] of variants) {
    const p = join(dir, name);
    execFileSync('sox', [wav16, ...args, p]);
    const d = await decodeAll(p);
    assert.equal(d.info.channels, 2, name);
    assert.ok(Math.abs((d.info.durationSec ?? 0) - 1.5) < 0.01, name);
    if (!name.includes('48k')) {
      for (const i of [10, 1000, 50000]) assert.ok(Math.abs(d.channels[1][i] - stereo[1][i]) < 1e-3, `${name} sample ${i}`);
    } else assert.equal(d.info.sampleRate, 48000);
  }
});

test('FLAC, MP3, Ogg/Opus and (through ffmpeg) M4A/AAC', async () => {
  const cases: [string, string[], string][] = [
    ['a.flac', ['-c:a', 'flac'], 'flac'],
    ['a.mp3', ['-c:a', 'libmp3lame', '-b:a', '128k'], 'mp3'],
    ['a.opus', ['-c:a', 'libopus', '-b:a', '64k'], 'ogg-opus'],
    ['a.m4a', ['-c:a', 'aac', '-b:a', '128k'], 'ffmpeg'],
  ];
  for (const [name, args, format] of cases) {
    const p = join(dir, name);
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-i', wav16, ...args, p]);
    const d = await decodeAll(p);
    assert.equal(d.info.format, format, name);
    assert.equal(d.info.channels, 2, name);
    const seconds = d.channels[0].length / d.info.sampleRate;
    assert.ok(Math.abs(seconds - 1.5) < 0.08, `${name}: ${seconds} s`);
    // the 440 Hz left channel keeps its level
    const rms = Math.sqrt(d.channels[0].slice(2000, 20000).reduce((a, x) => a + x * x, 0) / 18000);
    assert.ok(Math.abs(rms - 0.354) < 0.05, `${name}: rms ${rms}`);
  }
});

test('jfk.flac: stereo 44.1 kHz FLAC decodes, resamples to 16 kHz and maps to two sides', { skip: skipUnlessPresent(JFK) }, async () => {
  assertPresent(JFK);
  const d = await decodeAll(join(SHARED_DATA, 'jfk.flac'));
  assert.equal(d.info.sampleRate, 44100);
  assert.equal(d.info.channels, 2);
  assert.equal(d.channels[0].length, 485100);
  const call = await openCallAudio({ file: join(SHARED_DATA, 'jfk.flac') });
  assert.deepEqual(call.sides, ['me', 'them']);
  const n = { me: 0, them: 0 };
  for await (const c of call.chunks()) n[c.side] += c.samples.length;
  assert.ok(Math.abs(n.me / RATE - 11) < 0.02, `me ${n.me / RATE} s`);
  assert.ok(Math.abs(n.them / RATE - 11) < 0.02);
});

test('empty file', async () => {
  const p = join(dir, 'empty.wav');
  writeFileSync(p, '');
  await rejects(openAudioFile(p), 'AUDIO_EMPTY', /empty \(0 bytes\)/);
});

test('WAV with only a header', async () => {
  const p = join(dir, 'header.wav');
  writeFileSync(p, encodeWav([new Float32Array(0)], RATE));
  await rejects(openAudioFile(p), 'AUDIO_EMPTY', /no audio samples/);
});

test('truncated WAV fails, or is analysed as far as it goes with allowTruncated', async () => {
  const p = join(dir, 'trunc.wav');
  const full = readFileSync(wav16);
  writeFileSync(p, full.subarray(0, Math.floor(full.length * 0.6)));
  await rejects(openAudioFile(p), 'AUDIO_TRUNCATED', /announces 1\.5 s of audio but only 0\.9 s.*--allow-truncated/);
  const s = await openAudioFile(p, { allowTruncated: true });
  assert.ok(Math.abs((s.info.durationSec ?? 0) - 0.9) < 0.01);
});

test('truncated FLAC', async () => {
  const src = join(dir, 'long.flac');
  execFileSync('sox', ['-n', '-r', '16000', '-c', '1', src, 'synth', '5', 'sine', '300']);
  const p = join(dir, 'trunc.flac');
  const b = readFileSync(src);
  writeFileSync(p, b.subarray(0, Math.floor(b.length / 2)));
  const s = await openAudioFile(p);
  await rejects((async () => { for await (const _ of s.chunks()); })(), 'AUDIO_TRUNCATED', /truncated/);
});

test('corrupt data behind a valid signature', async () => {
  const p = join(dir, 'corrupt.flac');
  writeFileSync(p, Buffer.concat([Buffer.from('fLaC'), Buffer.alloc(5000, 0x5a)]));
  await rejects(openAudioFile(p), 'AUDIO_CORRUPT', /not readable audio/);
  const q = join(dir, 'corrupt.mp3');
  writeFileSync(q, Buffer.concat([Buffer.from('ID3'), Buffer.alloc(3000, 0x11)]));
  await rejects(openAudioFile(q), 'AUDIO_CORRUPT', /not readable audio/);
});

test('a file that is not audio, and a missing file', async () => {
  const p = join(dir, 'notes.txt');
  writeFileSync(p, 'these are my meeting notes, not a recording\n');
  await rejects(openAudioFile(p), 'AUDIO_UNSUPPORTED', /not an audio file.*Supported: WAV/);
  await rejects(openAudioFile(join(dir, 'nope.wav')), 'FILE_NOT_FOUND', /does not exist/);
});

test('an unsupported WAV encoding (ADPCM)', async () => {
  const p = join(dir, 'adpcm.wav');
  execFileSync('sox', [wav16, '-e', 'ima-adpcm', p]);
  await rejects(openAudioFile(p), 'AUDIO_UNSUPPORTED', /format tag 0x11.*Convert it/);
});

test('a sample rate Candor cannot use', async () => {
  const p = join(dir, 'rate.wav');
  const b = Buffer.from(readFileSync(wav16));
  b.writeUInt32LE(1000, 24);
  writeFileSync(p, b);
  await rejects(openAudioFile(p), 'AUDIO_SAMPLE_RATE', /1000 Hz/);
});

test('0 channels, and more than 2 without a side', async () => {
  const zero = Buffer.from(readFileSync(wav16));
  zero.writeUInt16LE(0, 22);
  const p0 = join(dir, 'zero.wav');
  writeFileSync(p0, zero);
  await rejects(openAudioFile(p0), 'AUDIO_CHANNELS', /0 audio channels/);
  const p3 = join(dir, 'three.wav');
  writeFileSync(p3, encodeWav([tone(1, RATE, 200), tone(1, RATE, 300), tone(1, RATE, 400)], RATE));
  await rejects(openCallAudio({ file: p3 }), 'AUDIO_CHANNELS', /3 channels.*--side/);
  const ok = await openCallAudio({ file: p3, side: 'them' });
  assert.deepEqual(ok.sides, ['them']);
  await ok.close();
});

test('mono needs a side', async () => {
  const p = join(dir, 'mono.wav');
  writeFileSync(p, encodeWav([tone(1, RATE, 200)], RATE));
  await rejects(openCallAudio({ file: p }), 'AUDIO_CHANNELS', /mono.*--side me/);
});

test('M4A without ffmpeg says how to install it', async () => {
  const p = join(dir, 'b.m4a');
  copyFileSync(join(dir, 'a.m4a'), p);
  const saved = process.env.CANDOR_FFPROBE;
  process.env.CANDOR_FFPROBE = join(dir, 'no-such-ffprobe');
  try {
    await rejects(openAudioFile(p), 'FFMPEG_MISSING', /ffmpeg is not installed.*apt-get install ffmpeg/);
  } finally {
    if (saved === undefined) delete process.env.CANDOR_FFPROBE;
    else process.env.CANDOR_FFPROBE = saved;
  }
});
