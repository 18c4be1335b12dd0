// Interruption (METRICS.md): a side starts a segment of at least 1.0 s while
// the other has been speaking for at least 1.0 s and is still speaking 0.3 s
// after that start. The other side is merged into non-overlapping speech, so
// the only stretch that can qualify is the one containing the start: one
// binary search per segment.
import type { Span } from '../../contract/report';
import { INTERRUPT_MIN_PRIOR_SEC, INTERRUPT_MIN_SEGMENT_SEC, INTERRUPT_STILL_SPEAKING_SEC } from './definitions';
import { spanAt } from './span-search';
import { union } from './spans';

export function interruptionsBy(interrupter: readonly Span[], other: readonly Span[]): Span[] {
  const speech = union(other, []);
  return interrupter.filter(([s, e]) => {
    if (e - s < INTERRUPT_MIN_SEGMENT_SEC) return false;
    const o = spanAt(speech, s);
    return o !== undefined && o[0] <= s - INTERRUPT_MIN_PRIOR_SEC && o[1] >= s + INTERRUPT_STILL_SPEAKING_SEC;
  });
}

export function countInterruptions(interrupter: readonly Span[], other: readonly Span[]): number {
  return interruptionsBy(interrupter, other).length;
}
