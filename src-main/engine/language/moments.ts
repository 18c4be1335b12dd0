// Moments (METRICS.md): where engagement or sentiment rises or falls sharply
// between two neighbouring 60 s windows, with the words said just before.
//   engagement: a change of >= 20 points; `at` = start of the later window;
//     `before` = the last 20 words said before `at` (what was being talked
//     about when they leaned in or out).
//   sentiment: a change of >= 20 points; `at` = end of the utterance in the
//     later window that pulled hardest in the direction of the change (the
//     most negative one for a fall); `before` = the last 20 words up to it.
// Windows with no point (nobody spoke) break the chain. At most 12 moments
// are kept, the sharpest ones, in time order.
import type { Moment, MomentKind, Timeline } from '../../contract/language';
import { firstIndexFrom } from '../../contract/sorted-search';
import type { PreparedUtterance } from './prepare';
import { WINDOW_SEC } from './windows';

export const MOMENT_MIN_DELTA = { engagement: 20, sentiment: 20 } as const;
export const MOMENT_BEFORE_WORDS = 20;
export const MOMENT_MAX = 12;

export type { Moment, MomentKind };

/** Last `n` words of the utterances that start before `at`. `starts` are the prepared utterances' start times. */
export function wordsBefore(prepared: readonly PreparedUtterance[], starts: readonly number[], at: number, n = MOMENT_BEFORE_WORDS): string {
  const words: string[] = [];
  for (let i = firstIndexFrom(starts, (s) => s >= at) - 1; i >= 0 && words.length < n; i--) {
    const parts = prepared[i].u.text.split(/\s+/).filter(Boolean);
    for (let j = parts.length - 1; j >= 0 && words.length < n; j--) words.push(parts[j]);
  }
  return words.reverse().join(' ');
}

function jumps(timeline: Timeline, min: number): { t: number; delta: number }[] {
  const out: { t: number; delta: number }[] = [];
  for (let i = 1; i < timeline.length; i++) {
    const [t0, v0] = timeline[i - 1];
    const [t1, v1] = timeline[i];
    if (t1 - t0 > WINDOW_SEC + 1e-9) continue;
    const delta = Math.round((v1 - v0) * 10) / 10;
    if (Math.abs(delta) >= min) out.push({ t: t1, delta });
  }
  return out;
}

/** The utterance in [t, t + window) whose sentiment pulls hardest in the direction of `delta`. */
function driver(prepared: readonly PreparedUtterance[], starts: readonly number[], t: number, delta: number): PreparedUtterance | null {
  let best: PreparedUtterance | null = null;
  for (let i = firstIndexFrom(starts, (s) => s >= t - WINDOW_SEC); i < prepared.length && starts[i] < t + WINDOW_SEC; i++) {
    const p = prepared[i];
    const mid = (p.u.start + p.u.end) / 2;
    if (mid < t || mid >= t + WINDOW_SEC || p.words === 0) continue;
    if (!best || (delta > 0 ? p.compound > best.compound : p.compound < best.compound)) best = p;
  }
  return best;
}

export function findMoments(prepared: readonly PreparedUtterance[], engagementTl: Timeline, sentimentTl: Timeline): Moment[] {
  const starts = prepared.map((p) => p.u.start);
  const out: Moment[] = [];
  for (const j of jumps(engagementTl, MOMENT_MIN_DELTA.engagement)) {
    out.push({ at: j.t, kind: j.delta > 0 ? 'engagement-up' : 'engagement-down', delta: j.delta, before: wordsBefore(prepared, starts, j.t) });
  }
  for (const j of jumps(sentimentTl, MOMENT_MIN_DELTA.sentiment)) {
    const d = driver(prepared, starts, j.t, j.delta);
    const at = d ? d.u.end : j.t;
    out.push({ at, kind: j.delta > 0 ? 'sentiment-up' : 'sentiment-down', delta: j.delta, before: wordsBefore(prepared, starts, at) });
  }
  return out
    .sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta) || a.at - b.at)
    .slice(0, MOMENT_MAX)
    .sort((a, b) => a.at - b.at);
}
