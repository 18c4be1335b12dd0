// Export of calls: JSON (everything the store has about each call) or CSV
// (one row of metrics per call, for a spreadsheet).
import type { CallDetail, ExportFormat } from '../../contract/calls';
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

export function exportCalls(store: CallStore, ids: number[] | 'all', format: ExportFormat): string {
  const list = ids === 'all' ? store.list({ limit: 1_000_000 }).map((c) => c.id).reverse() : ids;
  const calls = list.map((id) => store.get(id));
  if (format === 'json') {
    return JSON.stringify({ exportedAt: new Date().toISOString(), calls: calls.map(({ sparkline: _s, ...rest }) => rest) }, null, 2) + '\n';
  }
  return [CSV_COLUMNS.join(','), ...calls.map(csvRow)].join('\n') + '\n';
}
