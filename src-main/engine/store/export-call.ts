// One call of an export, checked against its seal (seal.ts) before it is
// written. SQLite builds the text of each part of the call (export-sql.ts);
// JS hashes it and, for JSON, writes that same text: no row of the call is
// handled in JS. CSV, one row of metrics per call, checks only the part it
// writes from (the head). A call sealed before schema 6 (until reseal.ts
// converts it) is checked against its first-definition digest instead, which
// reads its rows in JS. A damaged call is never written.
import type Database from 'better-sqlite3';
import type { CallDetail } from '../../contract/calls';
import { CandorError } from '../../contract/errors';
import type { CallStore } from './calls-store';
import { mapSqliteError, type Db } from './db';
import { legacyDigest } from './digest';
import { callJson, callPartsSql, csvSql, CSV_CELLS, type CallJsonRow, type PartTexts, type SealColumns } from './export-sql';
import { changedPart, hasSeals, SEAL_PARTS, sealKind, type SealPart } from './seal';

/** Participants and digests have their own tables from schema 3; a read-only file of an older one is exported through getCall. */
const ROWS_SCHEMA = 3;

/** The damage getCall names for this call (it throws), or a plain one if getCall does not. */
function damagedError(store: CallStore, id: number, cause?: unknown): CandorError {
  store.get(id);
  return cause ? mapSqliteError(cause, store.path) : new CandorError('DB_UNREADABLE',
    `the stored data of call ${id} in ${store.path} no longer matches the checksum written with it`,
    `Run \`candor doctor\` to check the whole database, or delete this call with \`candor history delete ${id}\`.`);
}

/** Checks the parts of a call that are written against their seals; throws the damage as getCall names it. */
function check(store: CallStore, id: number, r: SealColumns & Partial<PartTexts>, parts: readonly SealPart[]): void {
  const kind = sealKind(r);
  if (kind === 'parts') {
    if (changedPart(r as SealColumns & PartTexts, parts)) throw damagedError(store, id);
  } else if (kind === 'legacy') {
    let digest: string;
    try {
      digest = legacyDigest(store.db, id);
    } catch (err) {
      throw damagedError(store, id, err);
    }
    if (digest !== r.legacy) throw damagedError(store, id);
  }
}

export function schemaHasRows(store: CallStore): boolean {
  return (store.db.pragma('user_version', { simple: true }) as number) >= ROWS_SCHEMA;
}

/** A call as getCall returns it, without the sparkline (a file of a schema before 3). */
function detailJson(d: CallDetail & { match?: unknown }): Buffer {
  const { sparkline: _s, match: _m, ...rest } = d;
  return Buffer.from(JSON.stringify(rest));
}

type Statement = Database.Statement<unknown[]>;
const prepared = new WeakMap<Db, { json?: Statement; csv?: Statement }>();

function statement(store: CallStore, kind: 'json' | 'csv'): Statement {
  let p = prepared.get(store.db);
  if (!p) prepared.set(store.db, (p = {}));
  if (!p[kind]) {
    const seals = hasSeals(store.db);
    p[kind] = kind === 'json'
      ? store.db.prepare(callPartsSql({ seals, exported: true }))
      : store.db.prepare(csvSql(seals ? 'seals' : schemaHasRows(store) ? 'digests' : 'none')).raw();
  }
  return p[kind]!;
}

/** Runs a call's statement; a damaged page or word timings that no longer parse are the call's damage. */
function read<T>(store: CallStore, id: number, st: Statement): T {
  let row: T | undefined;
  try {
    row = st.get(id) as T | undefined;
  } catch (err) {
    throw damagedError(store, id, err);
  }
  if (row === undefined) store.get(id); // CALL_NOT_FOUND
  return row!;
}

/** The export JSON of one call (UTF-8), checked against its seal; throws CALL_NOT_FOUND or the call's damage. */
export function exportCallJson(store: CallStore, id: number, rowsSchema = schemaHasRows(store)): Buffer {
  if (!rowsSchema) return detailJson(store.get(id));
  const row = read<CallJsonRow>(store, id, statement(store, 'json'));
  check(store, id, row, SEAL_PARTS);
  return callJson(row);
}

/** The CSV cells of one call, its head checked against its seal; throws CALL_NOT_FOUND or the call's damage. */
export function exportCallCsv(store: CallStore, id: number, rowsSchema = schemaHasRows(store)): unknown[] {
  const row = read<unknown[]>(store, id, statement(store, 'csv'));
  if (!rowsSchema) store.get(id); // no seal: getCall's own checks
  else {
    const [seal_head, legacy, head_text] = row.slice(CSV_CELLS) as [string | null, string | null, Buffer];
    check(store, id, { status: String(row[4]), seal_head, seal_segments: null, seal_utterances: null, seal_vision: null, legacy, head_text }, ['head']);
  }
  return row.slice(0, CSV_CELLS);
}
