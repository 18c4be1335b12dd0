// Patience (METRICS.md): for every hand-over where their segment ends and my
// next segment starts after it (no overlap) within 5.0 s, the gap.
import type { PatienceMetric, Span } from '../../contract/report';
import { mean, median, round, sortSpans } from './spans';

export const PATIENCE_MAX_GAP_SEC = 5.0;

export function patienceGaps(mine: readonly Span[], theirs: readonly Span[]): number[] {
  const me = sortSpans(mine);
  const them = sortSpans(theirs);
  const gaps: number[] = [];
  for (const [, tEnd] of them) {
    // I was already talking when they stopped: that is overlap, not a hand-over.
    if (me.some(([s, e]) => s < tEnd && e > tEnd)) continue;
    const next = me.find(([s]) => s >= tEnd);
    if (!next) continue;
    // They spoke again before I did: the hand-over belongs to their later segment.
    if (them.some(([s]) => s > tEnd && s < next[0])) continue;
    const gap = next[0] - tEnd;
    if (gap <= PATIENCE_MAX_GAP_SEC) gaps.push(gap);
  }
  return gaps;
}

export function patience(mine: readonly Span[], theirs: readonly Span[]): PatienceMetric {
  const gaps = patienceGaps(mine, theirs);
  const m = mean(gaps);
  const md = median(gaps);
  return { mean: m === null ? null : round(m), median: md === null ? null : round(md), count: gaps.length };
}
