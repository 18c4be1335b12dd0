// Turn hand-overs (METRICS.md "patience", and engagement's response gaps,
// which are "measured like patience"): a segment of one side ends and the
// other side's next segment starts after it (no overlap) within 5.0 s.
// - If the other side is already speaking when the segment ends, that is
//   overlap, not a hand-over.
// - If the first side speaks again before the other answers, the hand-over
//   belongs to that later segment.
// - A back-channel of the other side inside the first side's speech starts
//   before the end, so it is never the answer.
// Each side is first merged into non-overlapping speech (a side with several
// speakers in a transcript can overlap itself), then one linear pass pairs
// them: O(n log n) for the sort, O(n) after.
import type { Span } from '../../contract/report';
import { HANDOVER_MAX_GAP_SEC } from './definitions';
import { firstStartingAtOrAfter } from './span-search';
import { union } from './spans';

export interface Handover {
  /** When the first side stopped. */
  at: number;
  /** Seconds until the other side started. */
  gap: number;
}

/** Every hand-over from `from` to `to` within HANDOVER_MAX_GAP_SEC. */
export function handovers(from: readonly Span[], to: readonly Span[]): Handover[] {
  const a = union(from, []);
  const b = union(to, []);
  const out: Handover[] = [];
  let k = 0;
  for (let i = 0; i < a.length; i++) {
    const end = a[i][1];
    k = Math.max(k, firstStartingAtOrAfter(b, end));
    const before = b[k - 1];
    if (before !== undefined && before[1] > end) continue; // they were already speaking
    const next = b[k];
    if (next === undefined) break;
    if (i + 1 < a.length && a[i + 1][0] < next[0]) continue; // the first side spoke again first
    const gap = next[0] - end;
    if (gap <= HANDOVER_MAX_GAP_SEC) out.push({ at: end, gap });
  }
  return out;
}
