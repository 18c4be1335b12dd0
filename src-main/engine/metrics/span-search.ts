// Binary searches over spans sorted by start that do not overlap (one side's
// segments, or the union of several). The one home for these look-ups.
import type { Span } from '../../contract/report';

/** First index i with spans[i][1] > t (spans.length if none). */
export function firstEndingAfter(spans: readonly Span[], t: number): number {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid][1] > t) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** First index i with spans[i][0] >= t (spans.length if none). */
export function firstStartingAtOrAfter(spans: readonly Span[], t: number): number {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid][0] >= t) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The span that contains t (start <= t <= end), or undefined. */
export function spanAt(spans: readonly Span[], t: number): Span | undefined {
  const i = firstStartingAtOrAfter(spans, t);
  if (i < spans.length && spans[i][0] === t) return spans[i];
  const prev = spans[i - 1];
  return prev !== undefined && prev[1] >= t ? prev : undefined;
}
