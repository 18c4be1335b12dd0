// Calls stored before schema version 4 get their utterances into the
// utterance index and their sparkline stored a call at a time, each in its
// own short transaction, within a time budget: the upgrade itself stays
// quick, and a live call's checkpoints never wait long for the lock. Until a
// call is reached, search finds its moment by reading its utterances and the
// list computes its sparkline from its segments, as before. What is left of
// the budget converts calls sealed before schema 6 (reseal.ts).
import type { Db } from './db';
import { resealLegacy } from './reseal';
import { storeSparkline } from './sparkline-column';
import { indexCallUtterances } from './utterance-index';
import { writeTransaction } from './write-transaction';

export const BACKLOG_SQL = `
  SELECT id, duration_sec, utterances_indexed, sparkline_json IS NULL AS no_sparkline FROM calls
  WHERE (utterances_indexed = 0 OR sparkline_json IS NULL) AND status != 'recording' ORDER BY id DESC LIMIT ?`;

interface BacklogRow {
  id: number;
  duration_sec: number;
  utterances_indexed: number;
  no_sparkline: number;
}

export interface BacklogResult {
  calls: number;
  more: boolean;
  /** Calls whose data no longer matched the digest written with them: not sealed again, still reported as damaged. */
  damaged: number[];
}

/** Works off the backlog, newest calls first, for about `budgetMs`; returns how many calls were done and whether any are left. */
export function workOffBacklog(db: Db, budgetMs: number): BacklogResult {
  const t0 = performance.now();
  const next = db.prepare(BACKLOG_SQL);
  let calls = 0;
  for (;;) {
    const rows = next.all(16) as BacklogRow[];
    if (!rows.length) {
      const r = resealLegacy(db, budgetMs, t0);
      return { calls: calls + r.calls, more: r.more, damaged: r.damaged };
    }
    for (const r of rows) {
      writeTransaction(db, () => {
        if (r.utterances_indexed === 0) indexCallUtterances(db, r.id);
        if (r.no_sparkline) storeSparkline(db, r.id, r.duration_sec);
      });
      calls++;
      if (performance.now() - t0 >= budgetMs) return { calls, more: true, damaged: [] };
    }
  }
}
