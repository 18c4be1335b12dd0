// A call's rows, read in pages of their own rowid range (getCall builds a
// call from them), and the digest of the first definition: a SHA-256 over
// every row as JSON, table by table, built in JS. Calls sealed before schema
// 6 carry that digest in call_digests until reseal.ts checks it and seals
// them by parts (seal.ts); until then readers check them with it. Kept
// unchanged: it must compute exactly what was written then (schema 3's
// migration still writes it, see migrations.ts).
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Db } from './db';

/** The tables a digest covers, in its order; the rows of each as `visit` gets them. */
export const DIGEST_PARTS = ['calls', 'segments', 'metrics', 'utterances', 'participants', 'vision_samples'] as const;
export type DigestPart = (typeof DIGEST_PARTS)[number];

/**
 * The content of each part: the columns, and the order of the rows. Tables
 * with many rows per call are read in pages, each page a range of the
 * table's own rowids (a call's rows were written together, so its range
 * holds little else): in rowid order, with no lookup per row through the
 * call index and no sort.
 */
const SQL: Record<DigestPart, { sql: string; paged?: string }> = {
  calls: { sql: 'SELECT id, started_at, ended_at, duration_sec, source, file, title, notes, status, checkpoint_sec, audio_file FROM calls WHERE id = ?' },
  segments: { sql: 'SELECT side, start_sec, end_sec, syllables, open FROM segments', paged: 'id' },
  metrics: {
    sql: `SELECT talk_share, talk_me_sec, talk_them_sec, longest_me_sec, longest_them_sec, patience_mean_sec, patience_median_sec, patience_count,
     interruptions_me, interruptions_them, silence_share, pace_wpm, pace_method, questions_me, report_json FROM metrics WHERE call_id = ?`,
  },
  utterances: { sql: 'SELECT side, speaker, start_sec, end_sec, text, words_json, source FROM utterances', paged: 'id' },
  participants: { sql: 'SELECT ord, name, side, talk_sec, share, turns, longest_monologue_sec, questions, words, wpm FROM participants WHERE call_id = ? ORDER BY ord' },
  vision_samples: { sql: 'SELECT t_sec, faces_visible, facing_count, camera_on FROM vision_samples', paged: 'rowid' },
};

/** Where report_json is in a metrics row. */
export const METRICS_REPORT_JSON = 14;

/** Rows per page of a paged part: a call of a million utterances is hashed in bounded memory. */
const PAGE_ROWS = 4096;

/** Hashed this many characters at a time: one update per row costs more than the hashing. */
const HASH_CHUNK_CHARS = 1 << 16;

type Statement = Database.Statement<unknown[]>;

type Reader =
  /** All rows of the call at once (one row, or a few). */
  | { one: Statement }
  | {
    /** The first and last rowid of the call's rows (from the call index, which holds both). */
    bounds: Statement;
    /** One page: rowids after ?, up to ?, of the call ?; each row ends with its rowid. */
    page: Statement;
  };

const prepared = new WeakMap<Db, Reader[]>();

/** The paged statements as written, for the query-plan test. */
export function digestPageSql(part: DigestPart): { bounds: string; page: string } | null {
  const { sql, paged } = SQL[part];
  if (!paged) return null;
  return {
    bounds: `SELECT min(${paged}), max(${paged}) FROM ${part} WHERE call_id = ?`,
    // `+call_id`: the call's rows are found by their rowid range, not looked up one by one through the call index.
    page: `${sql.replace(' FROM ', `, ${paged} FROM `)} WHERE ${paged} > ? AND ${paged} <= ? AND +call_id = ? ORDER BY ${paged} LIMIT ${PAGE_ROWS}`,
  };
}

function readers(db: Db): Reader[] {
  let r = prepared.get(db);
  if (!r) {
    r = DIGEST_PARTS.map((part) => {
      const paging = digestPageSql(part);
      return paging ? { bounds: db.prepare(paging.bounds).raw(), page: db.prepare(paging.page).raw() } : { one: db.prepare(SQL[part].sql).raw() };
    });
    prepared.set(db, r);
  }
  return r;
}

/** Every row of one part of a call, in the digest's order. */
function eachRow(r: Reader, callId: number, fn: (row: unknown[]) => void): void {
  if ('one' in r) {
    for (const row of r.one.all(callId) as unknown[][]) fn(row);
    return;
  }
  const [lo, hi] = r.bounds.get(callId) as [number | null, number | null];
  if (lo === null || hi === null) return;
  let after = lo - 1;
  for (;;) {
    const rows = r.page.all(after, hi, callId) as unknown[][];
    for (const row of rows) {
      after = row.pop() as number; // the rowid, selected last for paging, is not part of the content
      fn(row);
    }
    if (rows.length < PAGE_ROWS) return;
  }
}

/**
 * The digest of a call, row by row; `visit` (optional) gets each row of each
 * part as it is hashed. Reads only; throws SQLite's error for a damaged page.
 */
export function digestCall(db: Db, callId: number, visit?: (part: DigestPart, row: unknown[]) => void): string {
  return hashRows(db, callId, true, visit) as string;
}

function hashRows(db: Db, callId: number, hash: boolean, visit?: (part: DigestPart, row: unknown[]) => void): string | null {
  if (!hash) {
    readers(db).forEach((r, i) => eachRow(r, callId, (row) => visit?.(DIGEST_PARTS[i], row)));
    return null;
  }
  const h = createHash('sha256');
  let text = '';
  const rs = readers(db);
  DIGEST_PARTS.forEach((part, i) => {
    text += '\u0000table\n';
    eachRow(rs[i], callId, (row) => {
      visit?.(part, row);
      text += `${JSON.stringify(row)}\n`;
      if (text.length >= HASH_CHUNK_CHARS) {
        h.update(text);
        text = '';
      }
    });
  });
  h.update(text);
  return h.digest('hex');
}

/** A call's rows as the digest reads them (raw arrays, the columns of SQL above, in the digest's order). */
export interface CallRows {
  call?: unknown[];
  metrics?: unknown[];
  segments: unknown[][];
  utterances: unknown[][];
  participants: unknown[][];
  vision: unknown[][];
}

/**
 * Every row of a call, read once, with its first-definition digest when
 * `digest` (else null). Read from the tables themselves, never from an index
 * entry, as the digest and the seals (export-sql.ts) read them.
 */
export function readCallRows(db: Db, callId: number, digest = true): { rows: CallRows; digest: string | null } {
  const rows: CallRows = { segments: [], utterances: [], participants: [], vision: [] };
  const hashed = hashRows(db, callId, digest, (part, row) => {
    switch (part) {
      case 'calls': rows.call = row; break;
      case 'metrics': rows.metrics = row; break;
      case 'segments': rows.segments.push(row); break;
      case 'utterances': rows.utterances.push(row); break;
      case 'participants': rows.participants.push(row); break;
      case 'vision_samples': rows.vision.push(row); break;
    }
  });
  return { rows, digest: hashed };
}

/** Rows in time order (column `at`), ties in the order they were written: a stable sort, in place. */
export function inTimeOrder(rows: unknown[][], at: number): unknown[][] {
  return rows.sort((a, b) => (a[at] as number) - (b[at] as number));
}

/** The first-definition digest of a call, computed now. */
export function legacyDigest(db: Db, callId: number): string {
  return digestCall(db, callId);
}

/**
 * Schema 3's migration: every finished call gets its first-definition digest
 * (schema 6 adds seals by part; reseal.ts converts these).
 */
export function legacySealAll(db: Db): void {
  const put = db.prepare('INSERT OR REPLACE INTO call_digests (call_id, sha256) VALUES (?, ?)');
  for (const id of db.prepare("SELECT id FROM calls WHERE status != 'recording'").pluck().all() as number[]) put.run(id, digestCall(db, id));
}
