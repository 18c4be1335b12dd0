// The search text of a call: its row in call_fts (title, notes, transcript),
// found through calls.fts_rowid. A changed field replaces the whole row
// under a rowid the table never had before (call_fts_rowids counts up from
// 2^32, above any call id): SQLite 3.53's FTS5 with secure-delete corrupts
// its index when a rowid that was deleted and written again is deleted
// ("fts5: checksum mismatch"; its deleted call's words stayed in the
// index), which made the store's open refuse the file as damaged after a
// user edited a call's notes and deleted it. With rowids never reused, 0 of
// the randomised edit-and-delete histories that broke it before fail
// (tests/engine/store/call-text.test.ts).
import type Database from 'better-sqlite3';
import type { Db } from './db';

export interface CallText {
  title: string;
  notes: string;
  transcript: string;
}

interface Statements {
  read: Database.Statement<[number]>;
  remove: Database.Statement<[number]>;
  nextRowid: Database.Statement<[]>;
  insert: Database.Statement<[number, string, string, string]>;
  link: Database.Statement<[number, number]>;
}

const prepared = new WeakMap<Db, Statements>();

function statements(db: Db): Statements {
  let st = prepared.get(db);
  if (!st) {
    st = {
      read: db.prepare(`SELECT f.rowid AS rowid, f.title, f.notes, f.transcript FROM calls c JOIN call_fts f ON f.rowid = c.fts_rowid WHERE c.id = ?`),
      remove: db.prepare('DELETE FROM call_fts WHERE rowid = (SELECT fts_rowid FROM calls WHERE id = ?)'),
      nextRowid: db.prepare('UPDATE call_fts_rowids SET last = last + 1 RETURNING last'),
      insert: db.prepare('INSERT INTO call_fts(rowid, title, notes, transcript) VALUES (?, ?, ?, ?)'),
      link: db.prepare('UPDATE calls SET fts_rowid = ? WHERE id = ?'),
    };
    prepared.set(db, st);
  }
  return st;
}

/** Sets the call's search text: the fields given change, the others are kept. Run inside the writing transaction. */
export function setCallText(db: Db, id: number, patch: Partial<CallText>): void {
  const st = statements(db);
  const cur = (st.read.get(id) as (CallText & { rowid: number }) | undefined);
  if (cur) st.remove.run(id);
  const rowid = st.nextRowid.pluck().get() as number;
  st.insert.run(rowid, patch.title ?? cur?.title ?? '', patch.notes ?? cur?.notes ?? '', patch.transcript ?? cur?.transcript ?? '');
  st.link.run(rowid, id);
}

/** Removes the call's search text (before the call's row goes). Run inside the writing transaction. */
export function removeCallText(db: Db, id: number): void {
  statements(db).remove.run(id);
}
