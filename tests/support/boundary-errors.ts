// Boundary errors of detected segments against known truth: each truth
// segment is paired with the detected segment it overlaps most, when that
// one overlaps it most in turn; the pair's onset and offset errors (detected
// minus true, seconds) are collected. Unpaired truth segments are misses,
// unpaired detected ones are extras.
import type { Segments, Side, Span } from '../../src-main/contract/report';

export interface EdgeErrors {
  onset: number[];
  offset: number[];
  missed: number;
  extra: number;
}

const overlap = (a: Span, b: Span): number => Math.max(0, Math.min(a[1], b[1]) - Math.max(a[0], b[0]));

function best(x: Span, ys: readonly Span[]): number {
  let k = -1;
  let most = 0;
  ys.forEach((y, i) => {
    const o = overlap(x, y);
    if (o > most) {
      most = o;
      k = i;
    }
  });
  return k;
}

export function edgeErrors(got: Segments, truth: Segments, sides: readonly Side[] = ['me', 'them']): EdgeErrors {
  const out: EdgeErrors = { onset: [], offset: [], missed: 0, extra: 0 };
  for (const side of sides) {
    const paired = new Set<number>();
    for (const t of truth[side]) {
      const g = best(t, got[side]);
      if (g < 0 || truth[side][best(got[side][g], truth[side])] !== t) {
        out.missed++;
        continue;
      }
      paired.add(g);
      out.onset.push(got[side][g][0] - t[0]);
      out.offset.push(got[side][g][1] - t[1]);
    }
    out.extra += got[side].length - paired.size;
  }
  return out;
}

export function mergeErrors(all: readonly EdgeErrors[]): EdgeErrors {
  return {
    onset: all.flatMap((e) => e.onset),
    offset: all.flatMap((e) => e.offset),
    missed: all.reduce((a, e) => a + e.missed, 0),
    extra: all.reduce((a, e) => a + e.extra, 0),
  };
}

/** The q-quantile (0..1) of xs, by linear interpolation. */
export function quantile(xs: readonly number[], q: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.min(s.length - 1, lo + 1);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}

export interface ErrorSummary {
  n: number;
  medianAbsMs: number;
  p95AbsMs: number;
  /** Signed median: > 0 late, < 0 early. */
  medianMs: number;
}

export function summarise(xs: readonly number[]): ErrorSummary {
  const ms = (x: number): number => Math.round(x * 1000);
  const abs = xs.map(Math.abs);
  return { n: xs.length, medianAbsMs: ms(quantile(abs, 0.5)), p95AbsMs: ms(quantile(abs, 0.95)), medianMs: ms(quantile(xs, 0.5)) };
}
