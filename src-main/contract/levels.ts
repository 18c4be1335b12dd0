// How the HUD and the history view grade a figure at a glance, built on the
// shared ranges (contract/ranges.ts, METRICS.md): colour is always paired
// with a shape and a word, never used alone.
import { judge, RANGES, type Range, type RangeVerdict } from './ranges';

/** The HUD's monologue timer turns amber here (seconds) and red at the range limit (2.5 min). */
export const MONOLOGUE_AMBER_SEC = 60;
export const MONOLOGUE_RED_SEC = RANGES.longestMonologueSec.max;

export type MonologueLevel = 'ok' | 'amber' | 'red';

export function monologueLevel(sec: number): MonologueLevel {
  if (sec >= MONOLOGUE_RED_SEC) return 'red';
  if (sec >= MONOLOGUE_AMBER_SEC) return 'amber';
  return 'ok';
}

/** The word and the symbol shown next to a verdict (never colour alone). */
export function verdictLabel(v: RangeVerdict): { word: string; symbol: string } {
  switch (v) {
    case 'in': return { word: 'in range', symbol: '✓' };
    case 'low': return { word: 'below range', symbol: '▼' };
    case 'high': return { word: 'above range', symbol: '▲' };
    default: return { word: 'no data', symbol: '–' };
  }
}

/** "40–60%", "110–170 wpm", "under 150 s": a range as a user reads it. */
export function rangeText(r: Range): string {
  const clock = r.unit === 's' && (r.max ?? 0) >= 60;
  const fmt = (x: number): string =>
    r.unit === 'share' ? `${Math.round(x * 100)}%` : clock ? `${Math.floor(x / 60)}:${String(Math.round(x % 60)).padStart(2, '0')}` : `${x}`;
  const unit = r.unit === 'share' || clock ? '' : ` ${r.unit}`;
  if (r.min !== undefined && r.max !== undefined) return `${fmt(r.min)}–${fmt(r.max)}${unit}`;
  if (r.max !== undefined) return `under ${fmt(r.max)}${unit}`;
  if (r.min !== undefined) return `at least ${fmt(r.min)}${unit}`;
  return '';
}

export { judge, RANGES };
export type { Range, RangeVerdict };
