// Look-ups over spans sorted by start that do not overlap (one side's
// segments, or the union of several), by start or by end: the engine's names
// for them, on the one binary search (contract/sorted-search.ts).
import type { Span } from '../../contract/report';
import { firstIndexFrom } from '../../contract/sorted-search';

/** First index i with spans[i][1] > t (spans.length if none). */
export function firstEndingAfter(spans: readonly Span[], t: number): number {
  return firstIndexFrom(spans, (s) => s[1] > t);
}

/** First index i with spans[i][0] >= t (spans.length if none). */
export function firstStartingAtOrAfter(spans: readonly Span[], t: number): number {
  return firstIndexFrom(spans, (s) => s[0] >= t);
}

/** The span that contains t (start <= t <= end), or undefined. */
export function spanAt(spans: readonly Span[], t: number): Span | undefined {
  const i = firstStartingAtOrAfter(spans, t);
  if (i < spans.length && spans[i][0] === t) return spans[i];
  const prev = spans[i - 1];
  return prev !== undefined && prev[1] >= t ? prev : undefined;
}
