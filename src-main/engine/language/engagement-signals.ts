// The non-emotion signals behind engagement (METRICS.md), per 60 s window and
// for the whole call, each normalised to 0..1 (null = no evidence in that
// stretch). The weights that combine them live in engagement.ts.
import type { VisionSample } from '../../contract/calls';
import type { Segments } from '../../contract/report';
import { handovers } from '../metrics/handovers';
import type { PreparedUtterance } from './prepare';
import { secondsPerWindow, windowCount, windowOf } from './windows';

/** Their share of talk at or above this counts as fully engaged. */
export const SHARE_FULL = 0.6;
/** Response gaps: at or under FAST is 1, at or over SLOW is 0, linear between. */
export const RESPONSE_FAST_SEC = 0.5;
export const RESPONSE_SLOW_SEC = 3.0;
/** A mean turn of theirs this long or longer is 1. */
export const TURN_FULL_SEC = 15;
/** This many questions of theirs in a window is 1. */
export const QUESTIONS_FULL = 2;

export interface Signals {
  theirShare: number | null;
  responseSpeed: number | null;
  turnLength: number | null;
  theirQuestions: number | null;
  cameraOn: number | null;
  facesVisible: number | null;
  facing: number | null;
}

export type SignalName = keyof Signals;

const clamp01 = (x: number): number => Math.max(0, Math.min(1, x));

/**
 * Their response gaps ([my end, gap]): the hand-overs from me to them, measured
 * like patience (METRICS.md), so an overlap or a back-channel of theirs during
 * my speech is not a response.
 */
export function responseGaps(me: Segments['me'], them: Segments['them']): [number, number][] {
  return handovers(me, them).map((h) => [h.at, h.gap]);
}

interface Acc {
  me: Float64Array;
  them: Float64Array;
  gapSum: Float64Array;
  gapN: Float64Array;
  turnSum: Float64Array;
  turnN: Float64Array;
  questions: Float64Array;
  visN: Float64Array;
  camera: Float64Array;
  faces: Float64Array;
  facingSum: Float64Array;
  facingN: Float64Array;
}

function accumulate(n: number, k: (t: number) => number, segs: Segments, prepared: readonly PreparedUtterance[] | null,
  vision: readonly VisionSample[] | undefined): Acc {
  const me = [...segs.me].sort((a, b) => a[0] - b[0]);
  const them = [...segs.them].sort((a, b) => a[0] - b[0]);
  const z = (): Float64Array => new Float64Array(n);
  const acc: Acc = { me: z(), them: z(), gapSum: z(), gapN: z(), turnSum: z(), turnN: z(), questions: z(), visN: z(),
    camera: z(), faces: z(), facingSum: z(), facingN: z() };
  if (n === 1) {
    acc.me[0] = me.reduce((s, [a, b]) => s + b - a, 0);
    acc.them[0] = them.reduce((s, [a, b]) => s + b - a, 0);
  } else {
    acc.me = secondsPerWindow(me, n);
    acc.them = secondsPerWindow(them, n);
  }
  for (const [t, gap] of responseGaps(me, them)) {
    acc.gapSum[k(t)] += gap;
    acc.gapN[k(t)]++;
  }
  for (const [s, e] of them) {
    acc.turnSum[k(s)] += e - s;
    acc.turnN[k(s)]++;
  }
  if (prepared) for (const p of prepared) if (p.u.side === 'them' && p.question) acc.questions[k(p.u.start)]++;
  for (const v of vision ?? []) {
    const w = k(v.t);
    acc.visN[w]++;
    if (v.cameraOn) acc.camera[w]++;
    if (v.facesVisible > 0) {
      acc.faces[w]++;
      acc.facingSum[w] += Math.min(1, v.facingCount / v.facesVisible);
      acc.facingN[w]++;
    }
  }
  return acc;
}

function signalsAt(a: Acc, w: number, hasTranscript: boolean): Signals {
  const talk = a.me[w] + a.them[w];
  return {
    theirShare: talk > 0 ? clamp01(a.them[w] / talk / SHARE_FULL) : null,
    responseSpeed: a.gapN[w] > 0 ? clamp01(1 - (a.gapSum[w] / a.gapN[w] - RESPONSE_FAST_SEC) / (RESPONSE_SLOW_SEC - RESPONSE_FAST_SEC)) : null,
    turnLength: a.turnN[w] > 0 ? clamp01(a.turnSum[w] / a.turnN[w] / TURN_FULL_SEC) : null,
    theirQuestions: hasTranscript && talk > 0 ? clamp01(a.questions[w] / QUESTIONS_FULL) : null,
    cameraOn: a.visN[w] > 0 ? a.camera[w] / a.visN[w] : null,
    facesVisible: a.visN[w] > 0 ? a.faces[w] / a.visN[w] : null,
    facing: a.facingN[w] > 0 ? a.facingSum[w] / a.facingN[w] : null,
  };
}

export interface SignalInput {
  segments: Segments;
  durationSec: number;
  /** null when there is no transcript (then "asks questions" is no evidence, not zero). */
  prepared: readonly PreparedUtterance[] | null;
  vision?: readonly VisionSample[];
}

/** Signals per 60 s window (index = window). */
export function windowSignals(input: SignalInput): Signals[] {
  const n = windowCount(input.durationSec);
  const acc = accumulate(n, (t) => windowOf(t, n), input.segments, input.prepared, input.vision);
  return Array.from({ length: n }, (_, w) => signalsAt(acc, w, input.prepared !== null));
}

/** The same signals over the whole call; question counts are scaled to per-minute. */
export function callSignals(input: SignalInput): Signals {
  const acc = accumulate(1, () => 0, input.segments, input.prepared, input.vision);
  acc.questions[0] = acc.questions[0] / Math.max(1, input.durationSec / 60);
  return signalsAt(acc, 0, input.prepared !== null);
}
