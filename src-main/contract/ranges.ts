// Recommended ranges (METRICS.md), shown as guidance, never as a grade.
// One table for the CLI report, the HUD and the history view.

export interface Range {
  label: string;
  min?: number;
  max?: number;
  unit: string;
  /** Where the range comes from, in a few words. */
  basis: string;
}

export const RANGES = {
  talkShare: { label: 'Talk share', min: 0.4, max: 0.6, unit: 'share', basis: 'discovery calls; top sellers near 43%' },
  paceWpm: { label: 'Pace', min: 110, max: 170, unit: 'wpm', basis: 'conversational speaking rate' },
  longestMonologueSec: { label: 'Longest monologue', max: 150, unit: 's', basis: 'under 2.5 minutes' },
  patienceSec: { label: 'Patience', min: 0.6, max: 1.5, unit: 's', basis: 'pause before answering' },
  engagingQuestionsPer10Min: { label: 'Engaging questions', min: 1, unit: 'per 10 min', basis: 'at least one per 10 minutes' },
} as const satisfies Record<string, Range>;

export type RangeVerdict = 'in' | 'low' | 'high' | 'unknown';

export function judge(range: Range, value: number | null | undefined): RangeVerdict {
  if (value === null || value === undefined || !Number.isFinite(value)) return 'unknown';
  if (range.min !== undefined && value < range.min) return 'low';
  if (range.max !== undefined && value > range.max) return 'high';
  return 'in';
}
