// The call timeline's view model, typed from the contract: one lane per
// participant where the transcript names them (else you / them from the
// segments), interruption and monologue marks on the lane of whoever made
// them, the sentiment and engagement curves, and the moments as markers.
import type { CallView } from '../../../src-main/contract/engine-api';
import { TIMELINE_WINDOW_SEC, type Moment, type MomentKind, type Timeline } from '../../../src-main/contract/language';
import { participantKey } from '../../../src-main/contract/participants';
import type { Side, Span } from '../../../src-main/contract/report';
import { clock } from '../../shared/format';

export interface Lane {
  key: string;
  label: string;
  side: Side;
  spans: Span[];
  interruptions: Span[];
  monologues: Span[];
}

/** Overlapping or touching spans merged, in time order. */
function merged(spans: Span[]): Span[] {
  const out: Span[] = [];
  for (const [s, e] of [...spans].sort((a, b) => a[0] - b[0])) {
    const last = out[out.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

/** True when the transcript names its speakers: then each gets a lane. */
export function namesKnown(call: CallView): boolean {
  return call.utterances.some((u) => (u.speaker ?? '').trim() !== '');
}

export function timelineLanes(call: CallView): Lane[] {
  if (!namesKnown(call)) {
    return (['me', 'them'] as const).map((side) => ({
      key: side, label: side === 'me' ? 'You' : 'Them', side, spans: call.segments[side],
      interruptions: call.marks.interruptions[side], monologues: call.marks.monologues[side],
    }));
  }
  const byKey = new Map<string, Lane>();
  const add = (name: string, side: Side): Lane => {
    const key = participantKey(name);
    let lane = byKey.get(key);
    if (!lane) byKey.set(key, (lane = { key, label: name, side, spans: [], interruptions: [], monologues: [] }));
    return lane;
  };
  // Participants first, in the report's order (me, then by talk time), so lanes follow it.
  for (const p of call.participants) add(p.name, p.side);
  for (const u of call.utterances) add(u.speaker?.trim() || u.side, u.side).spans.push([u.start, u.end]);
  const lanes = [...byKey.values()].filter((l) => l.spans.length > 0);
  for (const l of lanes) l.spans = merged(l.spans);
  lanes.sort((a, b) => (a.side === b.side ? 0 : a.side === 'me' ? -1 : 1));
  const speakerAt = (side: Side, t: number): Lane | undefined => {
    const mine = lanes.filter((l) => l.side === side);
    return mine.find((l) => l.spans.some(([s, e]) => s <= t && t <= e)) ?? mine[0];
  };
  for (const side of ['me', 'them'] as const) {
    for (const span of call.marks.interruptions[side]) speakerAt(side, span[0])?.interruptions.push(span);
    for (const span of call.marks.monologues[side]) speakerAt(side, span[0])?.monologues.push(span);
  }
  return lanes;
}

export interface CurvePoint {
  /** The middle of the score's 60 s window, inside the call. */
  t: number;
  value: number;
}

export interface Curve {
  key: 'sentiment' | 'engagement';
  label: string;
  points: CurvePoint[];
}

/** A [t, score] timeline as points at the middle of each window. */
export function curvePoints(tl: Timeline, durationSec: number, windowSec = TIMELINE_WINDOW_SEC): CurvePoint[] {
  return tl.map(([t, v]) => ({ t: Math.min(t + windowSec / 2, Math.max(t, durationSec)), value: v }));
}

export function callCurves(call: CallView): Curve[] {
  const m = call.report?.metrics;
  const out: Curve[] = [];
  if (m?.sentiment && m.sentiment.timeline.length > 0) {
    out.push({ key: 'sentiment', label: 'Sentiment', points: curvePoints(m.sentiment.timeline, call.durationSec) });
  }
  if (m?.engagement && m.engagement.timeline.length > 0) {
    out.push({ key: 'engagement', label: 'Engagement', points: curvePoints(m.engagement.timeline, call.durationSec) });
  }
  return out;
}

/** An SVG path through the points, breaking where a window is missing (nobody spoke). */
export function curvePath(points: readonly CurvePoint[], x: (t: number) => number, y: (v: number) => number, windowSec = TIMELINE_WINDOW_SEC): string {
  let d = '';
  points.forEach((p, i) => {
    const gap = i === 0 || p.t - points[i - 1].t > windowSec + 1e-6;
    d += `${gap ? 'M' : 'L'}${x(p.t).toFixed(1)},${y(p.value).toFixed(1)}`;
  });
  return d;
}

export interface MomentMarker {
  at: number;
  time: string;
  kind: MomentKind;
  metric: 'engagement' | 'sentiment';
  up: boolean;
  /** "Engagement up", "Sentiment down". */
  label: string;
  /** Signed change in points: "+43", "−60". */
  change: string;
  symbol: '▲' | '▼';
  before: string;
}

const KIND: Record<MomentKind, { metric: MomentMarker['metric']; up: boolean; label: string }> = {
  'engagement-up': { metric: 'engagement', up: true, label: 'Engagement up' },
  'engagement-down': { metric: 'engagement', up: false, label: 'Engagement down' },
  'sentiment-up': { metric: 'sentiment', up: true, label: 'Sentiment up' },
  'sentiment-down': { metric: 'sentiment', up: false, label: 'Sentiment down' },
};

/** A signed score change as shown: "+43", "−60.3" (a true minus sign). */
export function signedPoints(delta: number): string {
  const r = Math.round(delta * 10) / 10;
  const s = Number.isInteger(r) ? String(Math.abs(r)) : Math.abs(r).toFixed(1);
  return `${r < 0 ? '−' : '+'}${s}`;
}

export function momentMarkers(moments: readonly Moment[] | undefined): MomentMarker[] {
  return (moments ?? []).map((m) => {
    const k = KIND[m.kind];
    return { at: m.at, time: clock(m.at), kind: m.kind, metric: k.metric, up: k.up, label: k.label,
      change: signedPoints(m.delta), symbol: k.up ? '▲' : '▼', before: m.before };
  });
}
