// Export of calls: JSON (everything the store has about each call) or CSV
// (one row of metrics per call, for a spreadsheet). Streamed: each call is
// written to the sink as soon as it is read, so memory stays flat however
// large the history. Each call is checked against its seal before it is
// written; for JSON the text written is the text that was hashed
// (export-call.ts), so a call is read once. One call that cannot be
// read (damaged row or a digest that no longer matches) is left out and
// named in `skipped`; it does not stop the export of the others, unless it is
// the only call asked for.
import type { ExportFormat } from '../../contract/calls';
import { CandorError } from '../../contract/errors';
import type { CallStore } from './calls-store';
import { exportCallCsv, exportCallJson, schemaHasRows } from './export-call';
import { ExportHelper } from './export-helper';
import { EXPORT_IDS_ALL_SQL } from './export-sql';

export const CSV_COLUMNS = [
  'id', 'title', 'started_at', 'duration_sec', 'status', 'talk_share', 'talk_me_sec', 'talk_them_sec',
  'longest_monologue_me_sec', 'longest_monologue_them_sec', 'patience_mean_sec', 'patience_median_sec', 'patience_count',
  'interruptions_me', 'interruptions_them', 'silence_share', 'pace_wpm', 'pace_method', 'questions_me', 'notes',
] as const;

/** Where an export goes: a file (export-file.ts), stdout, or a string; a Buffer is UTF-8 text. */
export interface ExportSink {
  write(chunk: string | Uint8Array): void;
}

export type ExportProgress = (done: number, total: number) => void;

export interface ExportSummary {
  calls: number;
  /** Calls left out because their rows could not be read, with the reason. */
  skipped: SkippedCall[];
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

/** A call left out of an export because its stored data is damaged. */
export interface SkippedCall {
  id: number;
  error: string;
}

export type ExportSkip = (s: SkippedCall) => void;

export function writeExport(store: CallStore, ids: number[] | 'all', format: ExportFormat, sink: ExportSink,
  onProgress?: ExportProgress, onSkip?: ExportSkip): ExportSummary {
  return format === 'json' ? writeJson(store, ids, sink, onProgress, onSkip) : writeCsv(store, ids, sink, onProgress, onSkip);
}

/**
 * One damaged call must not sink an export of many: with 'all' or several ids
 * it is left out and reported through `onSkip` (and in the JSON's `skipped`);
 * a single requested call fails with its error.
 */
function eachCall(list: number[], onSkip: ExportSkip, fn: (id: number, i: number) => void): void {
  for (const [i, id] of list.entries()) {
    try {
      fn(id, i);
    } catch (err) {
      if (list.length === 1 || !(err instanceof CandorError) || err.code !== 'DB_UNREADABLE') throw err;
      onSkip({ id, error: err.message });
    }
  }
}

function writeJson(store: CallStore, ids: number[] | 'all', sink: ExportSink, onProgress?: ExportProgress, onSkip?: ExportSkip): ExportSummary {
  const list = exportIds(store, ids);
  const rowsSchema = schemaHasRows(store);
  const skipped: SkippedCall[] = [];
  sink.write(`{\n  "exportedAt": ${JSON.stringify(new Date().toISOString())},\n  "calls": [`);
  let calls = 0;
  // A second thread reads calls ahead on the other core (export-helper.ts); this one writes them in order.
  const helper = rowsSchema ? ExportHelper.start(store, list) : null;
  try {
    eachCall(list, (s) => { skipped.push(s); onSkip?.(s); }, (id, i) => {
      try {
        // first: a damaged call throws before anything of it is written
        const text = helper ? helper.take(i, (k) => exportCallJson(store, list[k], rowsSchema)) : exportCallJson(store, id, rowsSchema);
        sink.write(calls++ ? ',\n    ' : '\n    ');
        sink.write(text);
        if ((i + 1) % PROGRESS_EVERY === 0) onProgress?.(i + 1, list.length);
      } finally {
        helper?.written(i);
      }
    });
  } finally {
    helper?.stop();
  }
  sink.write(`\n  ]${skipped.length ? `,\n  "skipped": ${JSON.stringify(skipped)}` : ''}\n}\n`);
  onProgress?.(list.length, list.length);
  return { calls, skipped };
}

/** One row per call; each call's head is checked against its seal (the rest is not written), so a damaged head is left out as in JSON. */
function writeCsv(store: CallStore, ids: number[] | 'all', sink: ExportSink, onProgress?: ExportProgress, onSkip?: ExportSkip): ExportSummary {
  sink.write(`${CSV_COLUMNS.join(',')}\n`);
  const list = exportIds(store, ids);
  const rowsSchema = schemaHasRows(store);
  const skipped: SkippedCall[] = [];
  let calls = 0;
  let chunk = '';
  eachCall([...new Set(list)], (s) => { skipped.push(s); onSkip?.(s); }, (id) => {
    chunk += `${exportCallCsv(store, id, rowsSchema).map(csvCell).join(',')}\n`;
    if (++calls % PROGRESS_EVERY === 0) {
      sink.write(chunk);
      chunk = '';
      onProgress?.(calls, list.length);
    }
  });
  sink.write(chunk);
  onProgress?.(calls, list.length);
  return { calls, skipped };
}

/** The whole export as one string: for a few calls (tests, a single call's export). */
export function exportCalls(store: CallStore, ids: number[] | 'all', format: ExportFormat, onSkip?: ExportSkip): string {
  const parts: string[] = [];
  writeExport(store, ids, format, { write: (c) => parts.push(typeof c === 'string' ? c : Buffer.from(c.buffer, c.byteOffset, c.byteLength).toString('utf8')) }, undefined, onSkip);
  return parts.join('');
}
