// One call of an export, checked before it is written. The check reads every
// row of the call against its digest (digest.ts), which is most of what an
// export costs; the call's JSON is then built by SQLite (export-sql.ts)
// from the same rows, read the same way (the rowid range of the call, from
// the tables), now in SQLite's page cache. Built in JS from the rows the
// check read, the JSON took longer than SQLite reading them again and
// building it in C (3.6 against 1.6 ms a call on the 10,000-call bench).
// A damaged call is never written.
import type { CallDetail } from '../../contract/calls';
import { CandorError } from '../../contract/errors';
import type { CallStore } from './calls-store';
import { mapSqliteError, type Db } from './db';
import { digestCall, storedDigest } from './digest';
import { CALL_JSON_SQL, callJson, type CallJsonRow } from './export-sql';

/** Participants and digests have their own tables from schema 3; a read-only file of an older one is exported through getCall. */
const ROWS_SCHEMA = 3;

/** The damage getCall names for this call (it throws), or a plain one if getCall does not. */
function damagedError(store: CallStore, id: number, cause?: unknown): CandorError {
  store.get(id);
  return cause ? mapSqliteError(cause, store.path) : new CandorError('DB_UNREADABLE',
    `the stored data of call ${id} in ${store.path} no longer matches the checksum written with it`,
    `Run \`candor doctor\` to check the whole database, or delete this call with \`candor history delete ${id}\`.`);
}

/**
 * Checks a finished call against its digest; a call without one (still
 * recording) has nothing to check. Throws the damage as getCall names it.
 */
function check(store: CallStore, id: number): void {
  const sealed = storedDigest(store.db, id);
  if (sealed === undefined) return;
  let digest: string;
  try {
    digest = digestCall(store.db, id);
  } catch (err) {
    throw damagedError(store, id, err);
  }
  if (digest !== sealed) throw damagedError(store, id);
}

export function schemaHasRows(store: CallStore): boolean {
  return (store.db.pragma('user_version', { simple: true }) as number) >= ROWS_SCHEMA;
}

/** Checks a call against its digest (CSV, whose rows are read separately). */
export function checkCall(store: CallStore, id: number): void {
  if (schemaHasRows(store)) check(store, id);
  else store.get(id);
}

/** A call as getCall returns it, without the sparkline (a file of a schema before 3). */
function detailJson(d: CallDetail): string {
  const { sparkline: _s, match: _m, ...rest } = d;
  return JSON.stringify(rest);
}

const prepared = new WeakMap<Db, ReturnType<Db['prepare']>>();

/** The export JSON of one call, checked against its digest; throws CALL_NOT_FOUND or the call's damage. */
export function exportCallJson(store: CallStore, id: number, rowsSchema = schemaHasRows(store)): string {
  if (!rowsSchema) return detailJson(store.get(id));
  check(store, id);
  let one = prepared.get(store.db);
  if (!one) prepared.set(store.db, (one = store.db.prepare(CALL_JSON_SQL)));
  let row: CallJsonRow | undefined;
  try {
    row = one.get(id) as CallJsonRow | undefined;
  } catch (err) {
    throw damagedError(store, id, err); // e.g. word timings that no longer parse, in a call still recording
  }
  if (!row) store.get(id); // CALL_NOT_FOUND
  return callJson(row!);
}
