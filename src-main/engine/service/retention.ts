// Keep N days: calls that started more than `days` days ago are deleted for
// good (rows, search index, free pages; CallStore.delete compacts the file,
// or leaves that to the store's thread with `compact: false`).
// A call that is still recording is never touched. 0 days keeps everything.
import type { CallStore } from '../store/calls-store';

export const RETENTION_INTERVAL_MS = 6 * 60 * 60 * 1000;

export function expiredCallIds(store: CallStore, days: number, now: Date = new Date()): number[] {
  if (!(days > 0)) return [];
  const cutoff = new Date(now.getTime() - days * 86_400_000).toISOString();
  return (store.db.prepare("SELECT id FROM calls WHERE status != 'recording' AND started_at < ? ORDER BY id").pluck().all(cutoff) as number[]);
}

/** Deletes the expired calls; returns their ids. */
export function applyRetention(store: CallStore, days: number, now: Date = new Date(), opts: { compact?: boolean } = {}): number[] {
  const ids = expiredCallIds(store, days, now);
  if (ids.length > 0) store.delete(ids, opts);
  return ids;
}
