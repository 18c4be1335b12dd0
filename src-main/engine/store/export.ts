// Export of calls: JSON (everything the store has about each call) or CSV
// (one row of metrics per call, for a spreadsheet).
import type { CallDetail, ExportFormat } from '../../contract/calls';
import { CandorError } from '../../contract/errors';
import type { CallStore } from './calls-store';

export const CSV_COLUMNS = [
  'id', 'title', 'started_at', 'duration_sec', 'status', 'talk_share', 'talk_me_sec', 'talk_them_sec',
  'longest_monologue_me_sec', 'longest_monologue_them_sec', 'patience_mean_sec', 'patience_median_sec', 'patience_count',
  'interruptions_me', 'interruptions_them', 'silence_share', 'pace_wpm', 'pace_method', 'questions_me', 'notes',
] as const;

function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'number' ? String(v) : String(v);
  // Quote when needed; neutralise spreadsheet formulas.
  const safe = /^[=+\-@\t\r]/.test(s) && typeof v !== 'number' ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function csvRow(c: CallDetail): string {
  const m = c.report?.metrics;
  const q = (m?.questions as { me?: number } | undefined)?.me ?? null;
  const cells = [
    c.id, c.title, c.startedAt, c.durationSec, c.status, m?.talkShare, m?.talkSec.me, m?.talkSec.them,
    m?.longestMonologueSec.me, m?.longestMonologueSec.them, m?.patienceSec.mean, m?.patienceSec.median, m?.patienceSec.count,
    m?.interruptions.me, m?.interruptions.them, m?.silenceShare, m?.pace.wpm, m?.pace.method, q, c.notes,
  ];
  return cells.map(csvCell).join(',');
}

/** A call left out of an export because its stored data is damaged. */
export interface SkippedCall {
  id: number;
  error: string;
}

/**
 * The calls to export. One damaged call must not sink an export of many: with
 * 'all' or several ids it is left out and reported through `onSkip` (and in
 * the JSON's `skipped`); a single requested call fails with its error.
 */
function readCalls(store: CallStore, ids: number[] | 'all', onSkip?: (s: SkippedCall) => void): { calls: CallDetail[]; skipped: SkippedCall[] } {
  const list = ids === 'all' ? store.list({ limit: 1_000_000 }).map((c) => c.id).reverse() : ids;
  const calls: CallDetail[] = [];
  const skipped: SkippedCall[] = [];
  for (const id of list) {
    try {
      calls.push(store.get(id));
    } catch (err) {
      if (list.length === 1 || !(err instanceof CandorError) || err.code !== 'DB_UNREADABLE') throw err;
      const s = { id, error: err.message };
      skipped.push(s);
      onSkip?.(s);
    }
  }
  return { calls, skipped };
}

export function exportCalls(store: CallStore, ids: number[] | 'all', format: ExportFormat, onSkip?: (s: SkippedCall) => void): string {
  const { calls, skipped } = readCalls(store, ids, onSkip);
  if (format === 'json') {
    const body = { exportedAt: new Date().toISOString(), calls: calls.map(({ sparkline: _s, ...rest }) => rest), ...(skipped.length ? { skipped } : {}) };
    return JSON.stringify(body, null, 2) + '\n';
  }
  return [CSV_COLUMNS.join(','), ...calls.map(csvRow)].join('\n') + '\n';
}
