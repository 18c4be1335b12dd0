// Synthetic two-channel calls with known truth, spoken by espeak-ng.
// Each turn is synthesised, placed at a chosen time on its side's channel,
// and its true speech extent is measured on the clean signal.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Segments, Side, Span } from '../../src-main/contract/report';
import { writeWav } from '../../src-main/engine/audio/wav-writer';
import { BRIDGE_PAUSE_SEC } from '../../src-main/engine/metrics/definitions';
import { bridgeSpans } from '../../src-main/engine/metrics/spans';

export const RATE = 16000;
const cache = new Map<string, Float32Array>();

/** espeak-ng speech at 16 kHz mono, trimmed to its audible extent. */
export function speak(text: string, opts: { wpm?: number; voice?: string; pitch?: number } = {}): Float32Array {
  const key = JSON.stringify([text, opts]);
  const hit = cache.get(key);
  if (hit) return hit;
  const dir = mkdtempSync(join(tmpdir(), 'candor-espeak-'));
  try {
    const raw = join(dir, 'a.wav');
    const out = join(dir, 'b.raw');
    execFileSync('espeak-ng', ['-v', opts.voice ?? 'en-us', '-s', String(opts.wpm ?? 160), '-p', String(opts.pitch ?? 50), '-w', raw, text]);
    execFileSync('sox', [raw, '-r', String(RATE), '-c', '1', '-b', '32', '-e', 'floating-point', '-t', 'raw', out]);
    const b = readFileSync(out);
    const x = new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
    const trimmed = trim(x);
    cache.set(key, trimmed);
    return trimmed;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function trim(x: Float32Array, thr = 0.01): Float32Array {
  let a = 0;
  while (a < x.length && Math.abs(x[a]) < thr) a++;
  let b = x.length - 1;
  while (b > a && Math.abs(x[b]) < thr) b--;
  return x.slice(a, b + 1);
}

/** Speech extents of a clean signal: runs above -40 dBFS (or rms) in 10 ms windows, gaps < 0.15 s joined. */
export function extents(x: Float32Array, offsetSec: number, rms = 0.01): Span[] {
  const win = RATE / 100;
  const spans: Span[] = [];
  for (let i = 0; i + win <= x.length; i += win) {
    let e = 0;
    for (let k = 0; k < win; k++) e += x[i + k] * x[i + k];
    if (Math.sqrt(e / win) > rms) spans.push([offsetSec + i / RATE, offsetSec + (i + win) / RATE]);
  }
  return bridgeSpans(spans, 0.15);
}

export interface Turn {
  side: Side;
  text: string;
  at: number; // seconds
  wpm?: number;
}

export interface BleedSpec {
  gain: number;
  delayMs: number;
  /** Room echo tail length in ms (exponentially decaying noise), 0 = none */
  reverbMs?: number;
  /** Soft clipping of an overdriven laptop speaker: the leaked copy goes through tanh at this drive (0 = none). */
  clipDrive?: number;
}

export interface SynthCall {
  channels: [Float32Array, Float32Array]; // me, them at 16 kHz
  truth: Segments; // bridged at 0.5 s as METRICS.md says
  durationSec: number;
}

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

export function convolveEcho(x: Float32Array, spec: BleedSpec, seed = 7): Float32Array {
  const rnd = seeded(seed);
  const d = Math.round((spec.delayMs / 1000) * RATE);
  const tail = Math.round(((spec.reverbMs ?? 0) / 1000) * RATE);
  // impulse response: direct path + sparse decaying reflections
  const taps: [number, number][] = [[d, spec.gain]];
  for (let k = 0; k < tail; k += 37) {
    const amp = spec.gain * 0.5 * Math.exp(-k / (tail / 4)) * (rnd() * 2 - 1);
    taps.push([d + 40 + k, amp]);
  }
  const y = new Float32Array(x.length);
  for (const [lag, a] of taps) for (let i = lag; i < x.length; i++) y[i] += a * x[i - lag];
  const k = spec.clipDrive ?? 0;
  if (k > 0) for (let i = 0; i < y.length; i++) y[i] = Math.tanh(k * y[i]) / k;
  return y;
}

export interface PlacedAudio {
  side: Side;
  /** Clean speech at 16 kHz; its extents (the truth) are measured on it as it is. */
  audio: Float32Array;
  at: number; // seconds
  /** Level in the call (default 1). */
  gain?: number;
  /** The extents' threshold (RMS over 10 ms) on `audio` (default 0.01, -40 dBFS). */
  extentRms?: number;
}

export interface CallOptions {
  tailSec?: number;
  bleed?: BleedSpec;
  noise?: number;
}

export function buildCall(turns: Turn[], opts: CallOptions & { voices?: Record<Side, string> } = {}): SynthCall {
  const voices = opts.voices ?? { me: 'en-us', them: 'en-gb' };
  const placed = turns.map((t) => ({ side: t.side, at: t.at, gain: 0.5, audio: speak(t.text, { wpm: t.wpm, voice: voices[t.side], pitch: t.side === 'me' ? 40 : 60 }) }));
  return mixCall(placed, opts);
}

/** Two channels from placed clean speech; the truth is each clip's extents, bridged at 0.5 s. */
export function mixCall(placed: readonly PlacedAudio[], opts: CallOptions = {}): SynthCall {
  const end = Math.max(...placed.map((p) => p.at + p.audio.length / RATE)) + (opts.tailSec ?? 1.5);
  const n = Math.ceil(end * RATE);
  const me = new Float32Array(n);
  const them = new Float32Array(n);
  const truth: Segments = { me: [], them: [] };
  for (const p of placed) {
    const ch = p.side === 'me' ? me : them;
    const o = Math.round(p.at * RATE);
    const g = p.gain ?? 1;
    for (let i = 0; i < p.audio.length; i++) ch[o + i] += p.audio[i] * g;
    truth[p.side].push(...extents(p.audio, p.at, p.extentRms));
  }
  if (opts.bleed) {
    const echo = convolveEcho(them, opts.bleed);
    for (let i = 0; i < n; i++) me[i] += echo[i];
  }
  if (opts.noise) {
    const rnd = seeded(3);
    for (let i = 0; i < n; i++) {
      me[i] += (rnd() * 2 - 1) * opts.noise;
      them[i] += (rnd() * 2 - 1) * opts.noise;
    }
  }
  return {
    channels: [me, them],
    truth: { me: bridgeSpans(truth.me, BRIDGE_PAUSE_SEC), them: bridgeSpans(truth.them, BRIDGE_PAUSE_SEC) },
    durationSec: n / RATE,
  };
}

export function writeCall(path: string, call: SynthCall, sampleRate = RATE): void {
  if (sampleRate === RATE) return writeWav(path, call.channels, RATE);
  const tmp = `${path}.16k.wav`;
  writeWav(tmp, call.channels, RATE);
  execFileSync('sox', [tmp, '-r', String(sampleRate), path]);
  rmSync(tmp);
}
