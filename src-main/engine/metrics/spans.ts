// Interval arithmetic on [start, end] spans in seconds.
import type { Span } from '../../contract/report';

export function sortSpans(spans: readonly Span[]): Span[] {
  return [...spans].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
}

/** Joins spans separated by gaps shorter than maxGap (and overlapping ones). */
export function bridgeSpans(spans: readonly Span[], maxGap: number): Span[] {
  const out: Span[] = [];
  for (const [s, e] of sortSpans(spans)) {
    const last = out[out.length - 1];
    if (last && s - last[1] < maxGap) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

export function totalDuration(spans: readonly Span[]): number {
  let t = 0;
  for (const [s, e] of spans) t += e - s;
  return t;
}

export function union(a: readonly Span[], b: readonly Span[]): Span[] {
  return bridgeSpans([...a, ...b], 1e-9);
}

/** a minus b, in one pass over both (b merged first, so its ends rise with its starts). */
export function subtract(a: readonly Span[], b: readonly Span[]): Span[] {
  const cuts = union(b, []);
  const out: Span[] = [];
  let k = 0;
  for (const [s0, e0] of sortSpans(a)) {
    let s = s0;
    while (k < cuts.length && cuts[k][1] <= s) k++;
    for (let j = k; j < cuts.length && cuts[j][0] < e0; j++) {
      const [bs, be] = cuts[j];
      if (be <= s) continue;
      if (bs > s) out.push([s, bs]);
      s = Math.max(s, be);
      if (s >= e0) break;
    }
    if (s < e0) out.push([s, e0]);
  }
  return out;
}

export function round(x: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

export function median(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function mean(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}
