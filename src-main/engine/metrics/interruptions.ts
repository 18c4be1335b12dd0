// Interruption (METRICS.md): a side starts a segment of at least 1.0 s while
// the other has been speaking for at least 1.0 s and is still speaking 0.3 s
// after that start.
import type { Span } from '../../contract/report';

export const INTERRUPT_MIN_SEGMENT_SEC = 1.0;
export const INTERRUPT_MIN_PRIOR_SEC = 1.0;
export const INTERRUPT_STILL_SPEAKING_SEC = 0.3;

export function interruptionsBy(interrupter: readonly Span[], other: readonly Span[]): Span[] {
  return interrupter.filter(([s, e]) =>
    e - s >= INTERRUPT_MIN_SEGMENT_SEC &&
    other.some(([os, oe]) => os <= s - INTERRUPT_MIN_PRIOR_SEC && oe >= s + INTERRUPT_STILL_SPEAKING_SEC));
}

export function countInterruptions(interrupter: readonly Span[], other: readonly Span[]): number {
  return interruptionsBy(interrupter, other).length;
}
