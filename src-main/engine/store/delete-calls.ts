// The rows of deleted calls: both search indexes first (the utterance index
// is told the words it removes, rebuilt from the utterances), then the call, whose
// segments, utterances, metrics and face samples go with it (ON DELETE
// CASCADE). Runs inside the caller's transaction, which also records the
// pending compaction.
//
// Deleting everything drops the indexes' contents wholesale and empties
// every table that belongs to a call with SQLite's truncate optimisation:
// whole pages are freed, rather than millions of rows deleted (and zeroed,
// secure_delete) one at a time, which wrote the whole file again through the
// WAL. That optimisation only runs with foreign keys off, so they are off
// for that one transaction, and every table that refers to calls is emptied
// by name (found from the schema, so a new one cannot be missed). The freed
// pages still hold the old text until compaction (compaction.ts) drops them
// from the file; the mark written in the same transaction guarantees it runs.
import type { Db } from './db';
import { removeCallText } from './call-text';
import { unindexCallUtterances } from './utterance-index';
import { writeTransaction } from './write-transaction';

export function deleteCallRows(db: Db, ids: number[]): number {
  const call = db.prepare('DELETE FROM calls WHERE id = ?');
  let count = 0;
  for (const id of ids) {
    unindexCallUtterances(db, id);
    removeCallText(db, id);
    count += call.run(id).changes;
  }
  return count;
}

/** Tables with a foreign key to calls (their rows belong to a call). */
const CALL_TABLES_SQL = `
  SELECT DISTINCT m.name FROM sqlite_master m, pragma_foreign_key_list(m.name) f
  WHERE m.type = 'table' AND f."table" = 'calls' ORDER BY m.name`;

/**
 * Deletes every call in one transaction of its own (foreign keys cannot be
 * switched inside one); `inTransaction` runs last in it (the pending mark).
 */
export function deleteAllCalls(db: Db, inTransaction: () => void): number {
  let count = 0;
  const callFtsSql = db.prepare("SELECT sql FROM sqlite_master WHERE name = 'call_fts'").pluck().get() as string;
  const owned = db.prepare(CALL_TABLES_SQL).pluck().all() as string[];
  const fk = db.pragma('foreign_keys', { simple: true }) as number;
  db.pragma('foreign_keys = OFF');
  try {
    writeTransaction(db, () => {
      count = db.prepare('SELECT count(*) FROM calls').pluck().get() as number;
      db.exec(`
        INSERT INTO utterance_fts(utterance_fts) VALUES ('delete-all');
        DROP TABLE call_fts;
        ${callFtsSql};
        INSERT INTO call_fts(call_fts, rank) VALUES ('secure-delete', 1);
        ${owned.map((t) => `DELETE FROM "${t}";`).join('\n')}
        DELETE FROM calls;`);
      inTransaction();
    });
  } finally {
    db.pragma(`foreign_keys = ${fk ? 'ON' : 'OFF'}`);
  }
  return count;
}
