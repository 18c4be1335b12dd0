// The work the history's store does after a delete has answered: removing
// the deleted calls from the database file (the scrub), then writing the
// fresh backup that replaces those the delete removed. The engine sends it
// as onHistoryUpkeep whenever it changes, so the history window can say
// what is going on and when it is over. Pure TS: no node, dom or electron.
import { expectBool, expectObject, expectString, invalidParameterError } from './validate';
import { expectOnlyKeys } from './settings';

export interface HistoryUpkeep {
  /** Deleted calls not yet scrubbed from the file (the durable mark). */
  scrubPending: boolean;
  /** A backup copy is being written, off the store's thread. */
  backupRunning: boolean;
  /** Nothing left to do: scrubbed, and no backup owed or being written. */
  idle: boolean;
  /** The last failure of that work, if it has not succeeded since. */
  lastError: string | null;
}

/** Longest lastError kept (a SQLite message with a path fits easily). */
export const UPKEEP_ERROR_LENGTH = 2_000;

export const IDLE_UPKEEP: HistoryUpkeep = Object.freeze({ scrubPending: false, backupRunning: false, idle: true, lastError: null });

/** Checks an onHistoryUpkeep payload (what arrives from another process is never trusted). */
export function validateHistoryUpkeep(v: unknown, name = 'onHistoryUpkeep'): HistoryUpkeep {
  const o = expectObject(v, name);
  expectOnlyKeys(o, ['scrubPending', 'backupRunning', 'idle', 'lastError'], name);
  const out: HistoryUpkeep = {
    scrubPending: expectBool(o.scrubPending, `${name}.scrubPending`),
    backupRunning: expectBool(o.backupRunning, `${name}.backupRunning`),
    idle: expectBool(o.idle, `${name}.idle`),
    lastError: o.lastError === null ? null : expectString(o.lastError, `${name}.lastError`, { maxLength: UPKEEP_ERROR_LENGTH }),
  };
  if (out.idle && (out.scrubPending || out.backupRunning)) {
    throw invalidParameterError(`${name}.idle`, 'false while a scrub is pending or a backup is running', out.idle);
  }
  return out;
}
