// The search text of a call: its row in call_fts (title, notes, transcript).
// The row's rowid is the call's id << 32, its low half a count of rewrites
// (call_fts_rowids): the index lists calls newest first (search.ts reads
// rowid >> 32, ORDER BY rowid DESC, with no sort), and a changed field
// replaces the whole row under a rowid the table never had before.
//
// Why never reuse: SQLite 3.53's FTS5 with secure-delete corrupts its index
// when a rowid that was deleted and written again is deleted ("fts5:
// checksum mismatch", the deleted call's words left in the index). The
// store's open then refused a small file as damaged after a user edited a
// call's notes and deleted it. In plain SQLite, 14 of 30 random histories of
// edits and deletes broke with rowids reused, 0 with fresh ones
// (tests/engine/store/call-text.test.ts drives the store the same way).
// Rowids are built in SQL: call id << 32 is past what a JS number holds exactly.
import type Database from 'better-sqlite3';
import type { Db } from './db';

export interface CallText {
  title: string;
  notes: string;
  transcript: string;
}

/** The rowids a call's search row may have: `rowid BETWEEN` this, with the call id bound to both. */
export const CALL_ROWIDS = '(? << 32) AND (? << 32) + 4294967295';

interface Statements {
  read: Database.Statement<[number, number]>;
  remove: Database.Statement<[number, number]>;
  count: Database.Statement<[]>;
  insert: Database.Statement<[number, string, string, string]>;
}

const prepared = new WeakMap<Db, Statements>();

function statements(db: Db): Statements {
  let st = prepared.get(db);
  if (!st) {
    st = {
      read: db.prepare(`SELECT title, notes, transcript FROM call_fts WHERE rowid BETWEEN ${CALL_ROWIDS}`),
      remove: db.prepare(`DELETE FROM call_fts WHERE rowid BETWEEN ${CALL_ROWIDS}`),
      count: db.prepare('UPDATE call_fts_rowids SET last = last + 1'),
      insert: db.prepare(`INSERT INTO call_fts(rowid, title, notes, transcript)
        VALUES ((? << 32) | (SELECT last & 4294967295 FROM call_fts_rowids), ?, ?, ?)`),
    };
    prepared.set(db, st);
  }
  return st;
}

/** Sets the call's search text: the fields given change, the others are kept. Run inside the writing transaction. */
export function setCallText(db: Db, id: number, patch: Partial<CallText>): void {
  const st = statements(db);
  const cur = st.read.get(id, id) as CallText | undefined;
  if (cur) st.remove.run(id, id);
  st.count.run();
  st.insert.run(id, patch.title ?? cur?.title ?? '', patch.notes ?? cur?.notes ?? '', patch.transcript ?? cur?.transcript ?? '');
}

/** Removes the call's search text (before the call's row goes). Run inside the writing transaction. */
export function removeCallText(db: Db, id: number): void {
  statements(db).remove.run(id, id);
}
