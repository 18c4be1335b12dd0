// The time grid shared by the sentiment and engagement timelines: windows of
// TIMELINE_WINDOW_SEC (contract/language.ts) from the start of the call; a timeline point [t, score] is stamped
// with its window's start t.
import { TIMELINE_WINDOW_SEC } from '../../contract/language';
import type { Span } from '../../contract/report';

export const WINDOW_SEC = TIMELINE_WINDOW_SEC;

export function windowCount(durationSec: number): number {
  return Math.max(1, Math.ceil(durationSec / WINDOW_SEC));
}

export function windowOf(t: number, count: number): number {
  return Math.min(count - 1, Math.max(0, Math.floor(t / WINDOW_SEC)));
}

/** Seconds of speech per window, each span split across the windows it covers. O(spans + windows). */
export function secondsPerWindow(spans: readonly Span[], count: number): Float64Array {
  const out = new Float64Array(count);
  for (const [s, e] of spans) {
    let a = s;
    while (a < e) {
      const k = windowOf(a, count);
      const b = k === count - 1 ? e : Math.min(e, (k + 1) * WINDOW_SEC);
      out[k] += b - a;
      if (b <= a) break;
      a = b;
    }
  }
  return out;
}
