// Calls sealed before schema 6 carry one digest of the first definition
// (digest.ts). Each is checked against it and then sealed by parts (seal.ts):
// a call at a time, each in its own short write transaction, within a time
// budget (backlog.ts runs it after open). Memory holds one call's rows; a
// kill loses at most the call in hand, which is done again next time; a
// live call's checkpoint waits for at most one call.
//
// A call whose data no longer matches its digest (or whose pages cannot be
// read) is NOT sealed again, which would vouch for damaged data: it keeps
// the old digest, so getCall, export and `candor doctor` go on reporting it,
// and it is returned in `damaged`.
import type { Db } from './db';
import { legacyDigest } from './digest';
import { hasSeals, sealCall } from './seal';
import { writeTransaction } from './write-transaction';

export const RESEAL_SQL = 'SELECT call_id FROM call_digests WHERE call_id > ? ORDER BY call_id LIMIT 16';

/** Per connection: the highest call looked at, so that a damaged call is checked once per open, not in every slice. */
const cursors = new WeakMap<Db, number>();

export interface ResealResult {
  calls: number;
  more: boolean;
  /** Calls whose data no longer matched their digest: kept as they were. */
  damaged: number[];
}

function unreadable(err: unknown): boolean {
  const code = (err as { code?: string }).code ?? '';
  return code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB';
}

/** Converts calls for about `budgetMs` (counted from `t0`). */
export function resealLegacy(db: Db, budgetMs: number, t0 = performance.now()): ResealResult {
  const out: ResealResult = { calls: 0, more: false, damaged: [] };
  if (!hasSeals(db)) return out;
  const next = db.prepare(RESEAL_SQL).pluck();
  const digestOf = db.prepare('SELECT sha256 FROM call_digests WHERE call_id = ?').pluck();
  for (;;) {
    const ids = next.all(cursors.get(db) ?? 0) as number[];
    if (!ids.length) return out;
    for (const id of ids) {
      cursors.set(db, id);
      writeTransaction(db, () => {
        const sealed = digestOf.get(id) as string | undefined;
        if (sealed === undefined) return; // sealed by parts since (saved again by another connection)
        let now: string | null;
        try {
          now = legacyDigest(db, id);
        } catch (err) {
          if (!unreadable(err)) throw err;
          now = null;
        }
        if (now === sealed) sealCall(db, id);
        else out.damaged.push(id);
      });
      out.calls++;
      if (performance.now() - t0 >= budgetMs) {
        out.more = true;
        return out;
      }
    }
  }
}
