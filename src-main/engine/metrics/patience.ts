// Patience (METRICS.md): for every hand-over where their segment ends and my
// next segment starts after it (no overlap) within 5.0 s, the gap.
import type { PatienceMetric, Span } from '../../contract/report';
import { handovers } from './handovers';
import { mean, median, round } from './spans';

export function patienceGaps(mine: readonly Span[], theirs: readonly Span[]): number[] {
  return handovers(theirs, mine).map((h) => h.gap);
}

export function patience(mine: readonly Span[], theirs: readonly Span[]): PatienceMetric {
  const gaps = patienceGaps(mine, theirs);
  const m = mean(gaps);
  const md = median(gaps);
  return { mean: m === null ? null : round(m), median: md === null ? null : round(md), count: gaps.length };
}
