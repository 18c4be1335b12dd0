// What the call view marks on its timeline: interruptions and monologues of
// each side, by the definitions of METRICS.md (engine/metrics).
import type { CallMarks } from '../../contract/engine-api';
import type { Segments, Span } from '../../contract/report';
import { interruptionsBy } from '../metrics/interruptions';
import { monologues } from '../metrics/monologue';

/** Monologues shorter than this are not worth a mark. */
export const MONOLOGUE_MARK_MIN_SEC = 30;

export function callMarks(segments: Segments): CallMarks {
  const long = (spans: Span[]): Span[] => spans.filter(([s, e]) => e - s >= MONOLOGUE_MARK_MIN_SEC);
  return {
    interruptions: { me: interruptionsBy(segments.me, segments.them), them: interruptionsBy(segments.them, segments.me) },
    monologues: { me: long(monologues(segments.me, segments.them)), them: long(monologues(segments.them, segments.me)) },
  };
}
