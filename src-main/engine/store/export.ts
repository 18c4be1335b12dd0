// Export of calls: JSON (everything the store has about each call) or CSV
// (one row of metrics per call, for a spreadsheet). Streamed: each call is
// written to the sink as soon as it is read, so memory stays flat however
// large the history. For JSON, SQLite builds each call's text itself
// (export-sql.ts), which is several times faster than reading thousands of
// rows into JS objects and serialising them again. One call that cannot be
// read (damaged row) is left out and named in `skipped`; it does not stop the
// export of the others.
import type { ExportFormat } from '../../contract/calls';
import type { CallStore } from './calls-store';
import { CALL_JSON_SQL, callJson, CSV_SQL_ALL, CSV_SQL_ONE, EXPORT_IDS_ALL_SQL, type CallJsonRow } from './export-sql';

export const CSV_COLUMNS = [
  'id', 'title', 'started_at', 'duration_sec', 'status', 'talk_share', 'talk_me_sec', 'talk_them_sec',
  'longest_monologue_me_sec', 'longest_monologue_them_sec', 'patience_mean_sec', 'patience_median_sec', 'patience_count',
  'interruptions_me', 'interruptions_them', 'silence_share', 'pace_wpm', 'pace_method', 'questions_me', 'notes',
] as const;

/** Where an export goes: a file (export-file.ts), stdout, or a string. */
export interface ExportSink {
  write(chunk: string): void;
}

export type ExportProgress = (done: number, total: number) => void;

export interface ExportSummary {
  calls: number;
  /** Calls left out because their rows could not be read, with the reason. */
  skipped: { id: number; reason: string }[];
}

const PROGRESS_EVERY = 100;

function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  // Quote when needed; neutralise spreadsheet formulas.
  const safe = /^[=+\-@\t\r]/.test(s) && typeof v !== 'number' ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function exportIds(store: CallStore, ids: number[] | 'all'): number[] {
  return ids === 'all' ? (store.db.prepare(EXPORT_IDS_ALL_SQL).pluck().all() as number[]) : ids;
}

export function writeExport(store: CallStore, ids: number[] | 'all', format: ExportFormat, sink: ExportSink, onProgress?: ExportProgress): ExportSummary {
  return format === 'json' ? writeJson(store, ids, sink, onProgress) : writeCsv(store, ids, sink, onProgress);
}

function writeJson(store: CallStore, ids: number[] | 'all', sink: ExportSink, onProgress?: ExportProgress): ExportSummary {
  const list = exportIds(store, ids);
  const one = store.db.prepare(CALL_JSON_SQL);
  const skipped: ExportSummary['skipped'] = [];
  sink.write(`{\n  "exportedAt": ${JSON.stringify(new Date().toISOString())},\n  "calls": [`);
  let calls = 0;
  for (const [i, id] of list.entries()) {
    let text: string | undefined;
    try {
      const row = one.get(id) as CallJsonRow | undefined;
      text = row && callJson(row);
    } catch (err) {
      skipped.push({ id, reason: (err as Error).message });
    }
    if (text !== undefined) sink.write(`${calls++ ? ',' : ''}\n    ${text}`);
    else if (!skipped.some((s) => s.id === id)) skipped.push({ id, reason: 'no such call' });
    if ((i + 1) % PROGRESS_EVERY === 0) onProgress?.(i + 1, list.length);
  }
  sink.write(`\n  ]${skipped.length ? `,\n  "skipped": ${JSON.stringify(skipped)}` : ''}\n}\n`);
  onProgress?.(list.length, list.length);
  return { calls, skipped };
}

function writeCsv(store: CallStore, ids: number[] | 'all', sink: ExportSink, onProgress?: ExportProgress): ExportSummary {
  sink.write(`${CSV_COLUMNS.join(',')}\n`);
  const rows = ids === 'all'
    ? (store.db.prepare(CSV_SQL_ALL).raw().iterate() as Iterable<unknown[]>)
    : (function* () {
        const one = store.db.prepare(CSV_SQL_ONE).raw();
        for (const id of ids) {
          const r = one.get(id) as unknown[] | undefined;
          if (r) yield r;
        }
      })();
  const total = ids === 'all' ? (store.db.prepare('SELECT count(*) FROM calls').pluck().get() as number) : ids.length;
  let calls = 0;
  let chunk = '';
  for (const r of rows) {
    chunk += `${r.map(csvCell).join(',')}\n`;
    if (++calls % PROGRESS_EVERY === 0) {
      sink.write(chunk);
      chunk = '';
      onProgress?.(calls, total);
    }
  }
  sink.write(chunk);
  onProgress?.(calls, total);
  return { calls, skipped: [] };
}

/** The whole export as one string: for a few calls (tests, a single call's export). */
export function exportCalls(store: CallStore, ids: number[] | 'all', format: ExportFormat): string {
  const parts: string[] = [];
  writeExport(store, ids, format, { write: (c) => parts.push(c) });
  return parts.join('');
}
