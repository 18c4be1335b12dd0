// The rows of deleted calls: both search indexes first (the utterance index
// is told the words it removes, rebuilt from the utterances), then the call, whose
// segments, utterances, metrics and face samples go with it (ON DELETE
// CASCADE). Deleting everything drops the indexes' contents wholesale rather
// than word by word. Runs inside the caller's transaction.
import type { Db } from './db';
import { unindexCallUtterances } from './utterance-index';

export function deleteCallRows(db: Db, ids: number[] | 'all'): number {
  if (ids === 'all') return deleteAllRows(db);
  const callFts = db.prepare('DELETE FROM call_fts WHERE rowid = ?');
  const call = db.prepare('DELETE FROM calls WHERE id = ?');
  let count = 0;
  for (const id of ids) {
    unindexCallUtterances(db, id);
    callFts.run(id);
    count += call.run(id).changes;
  }
  return count;
}

function deleteAllRows(db: Db): number {
  const count = db.prepare('SELECT count(*) FROM calls').pluck().get() as number;
  const callFtsSql = db.prepare("SELECT sql FROM sqlite_master WHERE name = 'call_fts'").pluck().get() as string;
  db.exec(`
    INSERT INTO utterance_fts(utterance_fts) VALUES ('delete-all');
    DROP TABLE call_fts;
    ${callFtsSql};
    INSERT INTO call_fts(call_fts, rank) VALUES ('secure-delete', 1);
    DELETE FROM segments;
    DELETE FROM utterances;
    DELETE FROM vision_samples;
    DELETE FROM metrics;
    DELETE FROM calls;
  `);
  return count;
}
