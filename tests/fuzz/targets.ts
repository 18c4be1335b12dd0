// What the fuzz harness feeds: each target has a valid seed input, a way to
// mutate it, and the product code it runs. An outcome is fine when the code
// returns, or throws a CandorError with a one-line message; anything else
// (another exception, a hang, memory past the bound) is a failure.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { CandorError } from '../../src-main/contract/errors';
import { openAudioFile } from '../../src-main/engine/audio/decode/open-audio-file';
import { encodeWav } from '../../src-main/engine/audio/wav-writer';
import { decodeImageBytes } from '../../src-main/engine/vision/image';
import { joinOggPages, splitOggPages } from '../support/ogg';
import { generatePayload, decodePayload, encodePayload, runPayload } from './ipc-payloads';
import { assignSides, readTranscript } from '../../src-main/engine/transcript/import';
import { speakersOf } from '../../src-main/engine/transcript/sides';
import { mutate, mutateText, type Rng } from './mutate';

export interface FuzzTarget {
  name: string;
  /** File extension of a kept failing input. */
  ext: string;
  /** The valid input mutations start from (built once, in the main thread). */
  seed(workDir: string): Uint8Array;
  /** One mutated input, as bytes (what a regression file holds). */
  generate(seed: Uint8Array, rng: Rng): Uint8Array;
  /** Runs the product code on one input; resolves, or throws what the product threw. */
  run(input: Uint8Array, workDir: string, i: number): Promise<void>;
}

const int = (rng: Rng, n: number): number => Math.floor(rng() * n);

function tone(seconds: number, rate: number): Float32Array {
  return Float32Array.from({ length: Math.round(seconds * rate) }, (_, i) => 0.3 * Math.sin(i / 5) + 0.05 * Math.sin(i / 37));
}

/** A short two-channel tone encoded by ffmpeg. */
function encoded(workDir: string, ext: string, codecArgs: string[]): Uint8Array {
  const wav = join(workDir, 'seed.wav');
  writeFileSync(wav, encodeWav([tone(0.4, 48000), tone(0.4, 48000).reverse()], 48000));
  const out = join(workDir, `seed.${ext}`);
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-i', wav, ...codecArgs, out]);
  return new Uint8Array(readFileSync(out));
}

async function decodeFile(input: Uint8Array, workDir: string, i: number, ext: string): Promise<void> {
  const path = join(workDir, `in-${i}.${ext}`);
  writeFileSync(path, input);
  const s = await openAudioFile(path);
  try {
    for await (const _ of s.chunks()) void _;
    s.notes();
  } finally {
    await s.close();
  }
}

function audioTarget(name: string, ext: string, seed: (dir: string) => Uint8Array, extra?: (seed: Uint8Array, rng: Rng) => Uint8Array): FuzzTarget {
  return {
    name,
    ext,
    seed,
    generate: (s, rng) => (extra && rng() < 0.25 ? extra(s, rng) : mutate(s, rng)),
    run: (input, dir, i) => decodeFile(input, dir, i, ext),
  };
}

/** Ogg-specific damage: an empty page or an empty packet somewhere, or a page's granule position set wild. */
function oggDamage(seed: Uint8Array, rng: Rng): Uint8Array {
  const pages = splitOggPages(seed);
  if (pages.length < 3) return seed;
  const at = 2 + int(rng, pages.length - 2);
  const p = pages[at];
  const kind = int(rng, 3);
  if (kind === 0) pages.splice(at, 0, { ...p, lacing: [], body: new Uint8Array(0) });
  else if (kind === 1) pages[at] = { ...p, lacing: [...p.lacing.slice(0, int(rng, p.lacing.length + 1)), 0, ...p.lacing.slice(int(rng, p.lacing.length + 1))].slice(0, 255) };
  else pages[at] = { ...p, granule: [0n, -1n, 1n << 62n, -(1n << 62n)][int(rng, 4)] };
  // Lacing changed without the body: keep the body length consistent with the lacing.
  const fixed = pages.map((q) => ({ ...q, body: q.body.subarray(0, q.lacing.reduce((a, b) => a + b, 0)) }));
  return joinOggPages(fixed);
}

/**
 * A transcript export, mutated line- and byte-wise. Besides the general rule,
 * a transcript error must name the file and a line ("path:12: ...").
 */
function transcriptTarget(file: string): FuzzTarget {
  const ext = file.slice(file.lastIndexOf('.') + 1);
  return {
    name: file,
    ext,
    seed: () => new Uint8Array(readFileSync(new URL(`../engine/transcript/fixtures/${file}`, import.meta.url))),
    generate: (s, rng) => mutateText(new TextDecoder().decode(s), rng),
    async run(input, dir, i) {
      const path = join(dir, `in-${i}.${ext}`);
      writeFileSync(path, input);
      try {
        const parsed = readTranscript(path);
        // --me: the first speaker, so that only the file's content can fail.
        assignSides(parsed, { me: speakersOf(parsed.cues)[0] });
      } catch (err) {
        if (err instanceof CandorError && !(err.message.startsWith(`${path}:`) && /^:\d+: /.test(err.message.slice(path.length)))) {
          throw new Error(`a transcript error that names no file and line: ${err.message}`);
        }
        throw err;
      }
    },
  };
}

export const TARGETS: Record<string, FuzzTarget> = {
  'zoom.vtt': transcriptTarget('zoom.vtt'),
  'teams.vtt': transcriptTarget('teams.vtt'),
  'named.srt': transcriptTarget('named.srt'),
  'call.jsonl': transcriptTarget('call.jsonl'),
  wav: audioTarget('wav', 'wav', () => new Uint8Array(encodeWav([tone(0.1, 16000)], 16000))),
  flac: audioTarget('flac', 'flac', (d) => encoded(d, 'flac', ['-c:a', 'flac'])),
  mp3: audioTarget('mp3', 'mp3', (d) => encoded(d, 'mp3', ['-c:a', 'libmp3lame', '-b:a', '64k'])),
  opus: audioTarget('opus', 'opus', (d) => encoded(d, 'opus', ['-c:a', 'libopus', '-b:a', '32k']), oggDamage),
  // M4A goes through ffprobe/ffmpeg: its header (ftyp/moov) is what Candor reads itself.
  m4a: audioTarget('m4a', 'm4a', (d) => encoded(d, 'm4a', ['-c:a', 'aac', '-b:a', '48k'])),
  png: {
    name: 'png',
    ext: 'png',
    seed() {
      const img = new PNG({ width: 16, height: 16 });
      for (let i = 0; i < img.data.length; i++) img.data[i] = (i * 37) & 255;
      return new Uint8Array(PNG.sync.write(img));
    },
    generate: mutate,
    async run(input, _dir, i) {
      decodeImageBytes(input, `in-${i}.png`);
    },
  },
  // The harness's own check (tests/fuzz/harness.test.ts): input byte 0 picks the outcome.
  selftest: {
    name: 'selftest',
    ext: 'bin',
    seed: () => new Uint8Array([0]),
    generate: (_s, rng) => new Uint8Array([Math.floor(rng() * 5)]),
    async run(input) {
      const kind = input[0];
      if (kind === 1) for (;;);
      if (kind === 2) throw new TypeError('not a CandorError');
      if (kind === 3) {
        const hog: Uint8Array[] = [];
        for (;;) hog.push(new Uint8Array(64 << 20).fill(1));
      }
      if (kind === 4) throw new CandorError('BAD_ARGUMENT', 'a clear one-line message');
    },
  },
  ipc: {
    name: 'ipc',
    ext: 'json',
    seed: () => new Uint8Array(0),
    generate: (_s, rng) => encodePayload(generatePayload(rng)),
    run: async (input) => runPayload(decodePayload(input)),
  },
};
