// Talk share over a call in a few bins, for the history list's sparkline.
import type { Segments, Span } from '../../contract/report';

function overlap(spans: Span[], a: number, b: number): number {
  let t = 0;
  for (const [s, e] of spans) {
    const lo = Math.max(s, a);
    const hi = Math.min(e, b);
    if (hi > lo) t += hi - lo;
  }
  return t;
}

export function talkShareSparkline(segments: Segments, durationSec: number, bins = 20): (number | null)[] {
  if (!(durationSec > 0)) return [];
  const out: (number | null)[] = [];
  const w = durationSec / bins;
  for (let i = 0; i < bins; i++) {
    const me = overlap(segments.me, i * w, (i + 1) * w);
    const them = overlap(segments.them, i * w, (i + 1) * w);
    out.push(me + them > 0 ? Math.round((me / (me + them)) * 1000) / 1000 : null);
  }
  return out;
}
