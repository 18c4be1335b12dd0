// The synthetic two-channel calls on which boundaries and patience are
// measured against known truth: espeak-ng voices in the three scenarios,
// and real read speech (LibriVox clips from Debian's pocketsphinx-testdata),
// each clean, with background noise, and with speaker bleed on the mic.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MONOLOGUE, OVERLAPS, TURN_TAKING } from './scenarios';
import { buildCall, extents, mixCall, type BleedSpec, type CallOptions, type PlacedAudio, type SynthCall } from './synth';

export const LIBRIVOX_DIR = '/usr/share/pocketsphinx/test/data/librivox';
export const LIBRIVOX_CLIPS = ['0870', '0880', '0890', '0920', '0930'].map((n) => join(LIBRIVOX_DIR, `sense_and_sensibility_01_austen_64kb-${n}.wav`));

/** A laptop without headphones at moderate volume: -10 dB, 30 ms, room echo. */
export const ROOM_BLEED: BleedSpec = { gain: 0.3, delayMs: 30, reverbMs: 120 };
/** The hard case: the other side only 3-6 dB below my voice, 3 ms late, soft-clipped, reverberant. */
export const LOUD_BLEED: BleedSpec = { gain: 0.6, delayMs: 3, reverbMs: 150, clipDrive: 4 };

export interface NamedCall {
  name: string;
  call: SynthCall;
}

const VARIANTS: [string, CallOptions][] = [
  ['clean', {}],
  ['noise', { noise: 0.003 }],
  ['bleed', { bleed: ROOM_BLEED, noise: 0.001 }],
];

/** 16-bit mono 16 kHz WAV samples (the pocketsphinx clips are exactly that). */
export function readWav16(path: string): Float32Array {
  const b = readFileSync(path);
  let at = 12;
  while (at + 8 <= b.length) {
    const id = b.toString('ascii', at, at + 4);
    const size = b.readUInt32LE(at + 4);
    if (id === 'data') {
      const n = Math.floor(Math.min(size, b.length - at - 8) / 2);
      const out = new Float32Array(n);
      for (let i = 0; i < n; i++) out[i] = b.readInt16LE(at + 8 + 2 * i) / 32768;
      return out;
    }
    at += 8 + size + (size & 1);
  }
  throw new Error(`${path}: no data chunk`);
}

/**
 * Where a real recording's speech is: its room tone (the clip's first
 * 0.15 s, before the reader starts) peaks near -40 dBFS, so the extents'
 * threshold is 6 dB above the loudest 10 ms of that room tone, and at least
 * -40 dBFS.
 */
export function speechRms(clip: Float32Array): number {
  let loudest = 0;
  for (let i = 0; i + 160 <= Math.min(clip.length, 0.15 * 16000); i += 160) {
    let e = 0;
    for (let k = 0; k < 160; k++) e += clip[i + k] * clip[i + k];
    loudest = Math.max(loudest, Math.sqrt(e / 160));
  }
  return Math.max(0.01, 2 * loudest);
}

/** The LibriVox clips as a call: read sentences alternating between the sides with hand-over gaps of 0.4-1.6 s. */
export function librivoxCall(opts: CallOptions = {}): SynthCall {
  const clips = LIBRIVOX_CLIPS.map(readWav16);
  const gaps = [0.7, 1.2, 0.4, 1.6, 0.9, 0.55, 1.3, 0.8, 1.0];
  const placed: PlacedAudio[] = [];
  let speechEnd = 0.5;
  for (let k = 0; k < 10; k++) {
    const audio = clips[(k * 3) % clips.length];
    // the gap is between the clips' speech, not their files (which carry room tone)
    const extentRms = speechRms(audio);
    const ext = extents(audio, 0, extentRms);
    const at = speechEnd + (k === 0 ? 0 : gaps[k % gaps.length]) - ext[0][0];
    placed.push({ side: k % 2 === 0 ? 'me' : 'them', audio, at, extentRms });
    speechEnd = at + ext[ext.length - 1][1];
  }
  return mixCall(placed, opts);
}

export function espeakCalls(): NamedCall[] {
  const voices = [
    { me: 'en-us', them: 'en-gb' },
    { me: 'en-us+f3', them: 'en-gb-scotland' },
  ];
  const out: NamedCall[] = [];
  for (const [scenario, turns] of [['turns', TURN_TAKING], ['overlaps', OVERLAPS], ['monologue', MONOLOGUE]] as const) {
    for (const [variant, opts] of VARIANTS) {
      voices.forEach((v, i) => out.push({ name: `espeak ${scenario} ${variant} voices${i + 1}`, call: buildCall(turns, { ...opts, voices: v }) }));
    }
  }
  return out;
}

/** A reader's room is never digitally silent: the clips' room tone (about -48 dBFS) continues under the whole call. */
const ROOM_TONE = 0.007;

export function librivoxCalls(): NamedCall[] {
  return VARIANTS.map(([variant, opts]) => ({ name: `librivox ${variant}`, call: librivoxCall({ ...opts, noise: Math.max(opts.noise ?? 0, ROOM_TONE) * (variant === 'noise' ? 2 : 1) }) }));
}

/** The hard bleed case: loud, early, clipped leak during double talk. */
export function loudBleedCall(): SynthCall {
  return buildCall(OVERLAPS, { bleed: LOUD_BLEED, noise: 0.001 });
}
