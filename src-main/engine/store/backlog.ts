// Calls stored before schema version 4 get their utterances into the
// utterance index and their sparkline stored a call at a time, each in its
// own short transaction, within a time budget: the upgrade itself stays
// quick, and a live call's checkpoints never wait long for the lock. Until a
// call is reached, search finds its moment by reading its utterances and the
// list computes its sparkline from its segments, as before.
import type { Db } from './db';
import { storeSparkline } from './sparkline-column';
import { indexCallUtterances } from './utterance-index';

export const BACKLOG_SQL = `
  SELECT id, duration_sec, utterances_indexed, sparkline_json IS NULL AS no_sparkline FROM calls
  WHERE (utterances_indexed = 0 OR sparkline_json IS NULL) AND status != 'recording' ORDER BY id DESC LIMIT ?`;

interface BacklogRow {
  id: number;
  duration_sec: number;
  utterances_indexed: number;
  no_sparkline: number;
}

/** Works off the backlog, newest calls first, for about `budgetMs`; returns how many calls were done and whether any are left. */
export function workOffBacklog(db: Db, budgetMs: number): { calls: number; more: boolean } {
  const t0 = performance.now();
  const next = db.prepare(BACKLOG_SQL);
  let calls = 0;
  for (;;) {
    const rows = next.all(16) as BacklogRow[];
    if (!rows.length) return { calls, more: false };
    for (const r of rows) {
      db.transaction(() => {
        if (r.utterances_indexed === 0) indexCallUtterances(db, r.id);
        if (r.no_sparkline) storeSparkline(db, r.id, r.duration_sec);
      })();
      calls++;
      if (performance.now() - t0 >= budgetMs) return { calls, more: true };
    }
  }
}
