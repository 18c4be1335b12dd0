// Damaged compressed audio (#14 defects 5 and 6): empty Ogg pages and
// packets decode instead of crashing; damaged frames are counted into the
// report's notes instead of being printed by libopus/libFLAC on the user's
// stderr; the duration stays that of the real audio (silence stands in for
// lost Opus packets and FLAC frames, so later moments keep their times);
// errors met while streaming are CandorErrors like errors at open.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import CodecParser, { type CodecFrame } from 'codec-parser';
import { CandorError } from '../../../src-main/contract/errors';
import { openAudioFile } from '../../../src-main/engine/audio/decode/open-audio-file';
import { candor } from '../../support/cli';
import { joinOggPages, OGG_EOS, splitOggPages, type OggPageBytes } from '../../support/ogg';
import { SHARED_MODELS, tempDir } from '../../support/tmp';

const dir = tempDir();
const SECONDS = 6.02;
const wav = join(dir, 'tone.wav');
execFileSync('sox', ['-n', '-r', '48000', '-c', '1', wav, 'synth', String(SECONDS), 'sine', '440', 'vol', '0.3']);
const opus = join(dir, 'tone.opus');
execFileSync('ffmpeg', ['-v', 'error', '-y', '-i', wav, '-c:a', 'libopus', '-b:a', '32k', opus]);
const pages = splitOggPages(new Uint8Array(readFileSync(opus)));
const last = pages[pages.length - 1];

/** Decodes a file whole (its first channel kept), with the process's stderr and console watched: nothing may be printed. */
async function decodeQuietly(path: string): Promise<{ seconds: number; samples: Float32Array; notes: string[]; printed: string }> {
  let printed = '';
  const write = process.stderr.write.bind(process.stderr);
  const saved = { error: console.error, warn: console.warn, log: console.log };
  process.stderr.write = ((chunk: string | Uint8Array) => ((printed += String(chunk)), true)) as typeof process.stderr.write;
  console.error = console.warn = console.log = (...a: unknown[]) => (printed += a.join(' ') + '\n');
  try {
    const s = await openAudioFile(path);
    const parts: Float32Array[] = [];
    for await (const c of s.chunks()) parts.push(c[0]);
    const samples = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) {
      samples.set(p, at);
      at += p.length;
    }
    return { seconds: samples.length / s.info.sampleRate, samples, notes: s.notes(), printed };
  } finally {
    process.stderr.write = write;
    Object.assign(console, saved);
  }
}

function writeBytes(name: string, b: Uint8Array): string {
  const p = join(dir, name);
  writeFileSync(p, b);
  return p;
}

function writeOgg(name: string, list: Omit<OggPageBytes, 'at'>[]): string {
  const p = join(dir, name);
  writeFileSync(p, joinOggPages(list));
  return p;
}

test('empty Ogg pages and empty Opus packets decode (ogg-opus-decoder threw "Invalid typed array length")', async () => {
  const cases: Record<string, Omit<OggPageBytes, 'at'>[]> = {
    'empty packet mid-stream': pages.map((p, i) => (i === 3 ? { ...p, lacing: [0, ...p.lacing] } : p)),
    'empty packet on the last page': [...pages.slice(0, -1), { ...last, lacing: [...last.lacing, 0] }],
    'an empty last page': [...pages.slice(0, -1), { ...last, headerType: 0 }, { ...last, sequence: last.sequence + 1, headerType: OGG_EOS, lacing: [], body: new Uint8Array(0), granule: 0n }],
    'end position 0': [...pages.slice(0, -1), { ...last, granule: 0n }],
    'end position an hour on': [...pages.slice(0, -1), { ...last, granule: 48000n * 3600n }],
  };
  for (const [name, list] of Object.entries(cases)) {
    const r = await decodeQuietly(writeOgg(`${name.replace(/\W+/g, '-')}.opus`, list));
    assert.ok(Math.abs(r.seconds - SECONDS) < 0.05, `${name}: ${r.seconds} s`);
    assert.equal(r.printed, '', name);
  }
});

test('damaged Opus packets: right duration, counted in the notes, nothing on stderr (a 6 s file read as 34 s before)', async () => {
  const damaged = pages.map((p, i) => (i >= 4 && i < 7 ? { ...p, body: p.body.map((b, j) => (j % 3 === 0 ? b ^ 0xff : b)) } : p));
  const path = writeOgg('damaged.opus', damaged);
  const r = await decodeQuietly(path);
  assert.equal(r.printed, '');
  assert.ok(Math.abs(r.seconds - SECONDS) < 0.05, `${r.seconds} s for ${SECONDS} s of audio`);
  assert.equal(r.notes.length, 1, JSON.stringify(r.notes));
  assert.match(r.notes[0], /damaged\.opus: \d+ damaged Opus frame\(s\) could not be decoded; [\d.]+ s of silence stand in for them/);
  assert.match(r.notes[0], /OPUS_INVALID_PACKET|corrupt/i, 'what libopus said is kept in the note');
});

/** The clean FLAC file and where each of its frames starts (found by codec-parser, which reads a clean file right). */
function flacFrames(): { bytes: Uint8Array; at: number[]; block: number } {
  const flac = join(dir, 'tone.flac');
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-i', wav, '-c:a', 'flac', flac]);
  const bytes = new Uint8Array(readFileSync(flac));
  const frames = [...new CodecParser('audio/flac', { enableLogging: false }).parseAll(bytes)] as CodecFrame[];
  const at: number[] = [];
  let from = 0;
  for (const f of frames) {
    const i = Buffer.from(bytes).indexOf(Buffer.from(f.data), from);
    at.push(i);
    from = i + f.data.length;
  }
  return { bytes, at, block: (frames[0].header as unknown as { blockSize: number }).blockSize };
}

test('damaged FLAC frames: silence stands in for exactly the lost frames, every other sample at its time, the note counts them', async () => {
  const { bytes, at, block } = flacFrames();
  const clean = await decodeQuietly(writeBytes('clean.flac', bytes));
  assert.equal(clean.samples.length, Math.round(SECONDS * 48000), 'the clean file decodes whole');
  assert.deepEqual(clean.notes, []);
  const flip = (from: number, to: number, step: number): Uint8Array => {
    const b = bytes.slice();
    for (let i = from; i < to; i += step) b[i] ^= 0x55;
    return b;
  };
  const cases: { name: string; bytes: Uint8Array; lost: number[] }[] = [
    // codec-parser dropped everything after one of these; the frames were simply missing before that.
    { name: 'five frames cut out', bytes: new Uint8Array([...bytes.subarray(0, at[20]), ...bytes.subarray(at[25])]), lost: [20, 21, 22, 23, 24] },
    { name: 'a frame with damaged audio', bytes: flip(at[30] + 20, at[31] - 4, 13), lost: [30] },
    { name: 'a frame with a damaged header', bytes: flip(at[40], at[40] + 1, 1), lost: [40] },
    { name: 'two frames damaged in a row', bytes: flip(at[10] + 8, at[12] - 8, 11), lost: [10, 11] },
  ];
  for (const c of cases) {
    const r = await decodeQuietly(writeBytes(`${c.name.replace(/\W+/g, '-')}.flac`, c.bytes));
    assert.equal(r.printed, '', `${c.name}: nothing on stderr`);
    assert.equal(r.samples.length, clean.samples.length, `${c.name}: the duration is the real audio's`);
    const lost = new Set(c.lost);
    for (let i = 0; i < clean.samples.length; i++) {
      const frame = Math.floor(i / block);
      const want = lost.has(frame) ? 0 : clean.samples[i];
      if (r.samples[i] !== want) assert.fail(`${c.name}: sample ${i} (frame ${frame}) is ${r.samples[i]}, not ${want}`);
    }
    assert.equal(r.notes.length, 1, `${c.name}: ${JSON.stringify(r.notes)}`);
    const m = /: (\d+) damaged FLAC frame\(s\) could not be decoded; ([\d.]+) s of silence stand in for them, so later times stay right/.exec(r.notes[0]);
    assert.ok(m, `${c.name}: ${r.notes[0]}`);
    assert.equal(Number(m[1]), c.lost.length, `${c.name}: frames counted`);
    assert.ok(Math.abs(Number(m[2]) - (c.lost.length * block) / 48000) < 0.01, `${c.name}: ${m[2]} s of silence`);
  }
});

test('FLAC damaged over a stretch: decoded to the end, nothing on stderr, the note counts the frames', async () => {
  const { bytes } = flacFrames();
  const b = bytes.slice();
  for (let i = Math.floor(b.length * 0.4); i < Math.floor(b.length * 0.45); i += 7) b[i] ^= 0x55;
  const r = await decodeQuietly(writeBytes('damaged.flac', b));
  assert.equal(r.printed, '');
  assert.equal(r.samples.length, Math.round(SECONDS * 48000), 'the audio after the damage is kept, at its time');
  assert.ok(r.notes.some((n) => /\d+ damaged FLAC frame\(s\) could not be decoded; [\d.]+ s of silence/.test(n)), JSON.stringify(r.notes));
});

test('an error met while streaming is a CandorError naming the file, like an error at open', async () => {
  // An Ogg Opus stream chained to a Vorbis stream: the second codec is found only mid-file.
  const vorbis = join(dir, 'tone.ogg');
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-i', wav, '-c:a', 'libvorbis', vorbis]);
  const chained = join(dir, 'chained.opus');
  writeFileSync(chained, Buffer.concat([readFileSync(opus), readFileSync(vorbis), readFileSync(vorbis)]));
  const s = await openAudioFile(chained, { readSize: 4096 });
  await assert.rejects(
    (async () => {
      for await (const _ of s.chunks()) void _;
    })(),
    (err: unknown) => err instanceof CandorError && err.code === 'AUDIO_CORRUPT' && err.message.includes('chained.opus') && /vorbis/i.test(err.message),
  );
});

test('candor analyze of a damaged Opus file: the report notes the damage, stderr has no decoder lines', () => {
  const damaged = pages.map((p, i) => (i >= 4 && i < 6 ? { ...p, body: p.body.map((b, j) => (j % 3 === 0 ? b ^ 0xff : b)) } : p));
  const path = writeOgg('analyze-damaged.opus', damaged);
  const r = candor(['analyze', path, '--side', 'me', '--json'], { CANDOR_MODELS_DIR: process.env.CANDOR_MODELS_DIR ?? SHARED_MODELS, CANDOR_HOME: dir });
  assert.equal(r.code, 0, r.stderr);
  assert.doesNotMatch(r.stderr, /libopus|OPUS_|wasm-audio-decoders/);
  const report = JSON.parse(r.stdout);
  assert.ok(report.notes.some((n: string) => /damaged Opus frame/.test(n)), JSON.stringify(report.notes));
});

test('candor record --replay of a damaged Opus file: the live report notes the damage too, stderr has no decoder lines', () => {
  const damaged = pages.map((p, i) => (i >= 4 && i < 6 ? { ...p, body: p.body.map((b, j) => (j % 3 === 0 ? b ^ 0xff : b)) } : p));
  const path = writeOgg('replay-damaged.opus', damaged);
  const r = candor(['record', '--replay', path, '--side', 'me', '--speed', '10', '--json'],
    { CANDOR_MODELS_DIR: process.env.CANDOR_MODELS_DIR ?? SHARED_MODELS, CANDOR_HOME: dir, CANDOR_DB: join(dir, 'replay.db') });
  assert.equal(r.code, 0, r.stderr);
  assert.doesNotMatch(r.stderr, /libopus|OPUS_|wasm-audio-decoders/);
  const report = JSON.parse(r.stdout);
  assert.ok(report.notes.some((n: string) => /replay-damaged\.opus: \d+ damaged Opus frame/.test(n)), JSON.stringify(report.notes));
});
