// The utterance index: where in a call a search matched. Every word of an
// utterance is indexed with its call's key in front ("baaaabf" + "budget"),
// so a call's words are terms of their own and finding the first utterance
// of call 123 that holds "the" reads only call 123's entries, however often
// "the" occurs in the rest of the history (FTS5 cannot skip through a long
// list of entries to reach one call's). The table is contentless (the text
// is stored once, in utterances) with secure-delete: a deleted utterance is
// removed with the exact words it was indexed with, which are rebuilt from
// its text. Words are split here and the same split is used for queries,
// so indexing and searching always agree.
import type { Db } from './db';
import type { SearchPart } from './fts-query';

const KEY_LETTERS = 7; // 26^7 = 8 billion calls
const TOKEN = /[\p{L}\p{N}]+/gu;

/** The call's key: its id in 7 letters, fixed length so key and word never run together ambiguously. */
export function callKey(callId: number): string {
  let n = callId;
  let key = '';
  for (let i = 0; i < KEY_LETTERS; i++) {
    key = String.fromCharCode(97 + (n % 26)) + key;
    n = Math.floor(n / 26);
  }
  return key;
}

export function tokens(text: string): string[] {
  return text.toLowerCase().match(TOKEN) ?? [];
}

export function keyedText(callId: number, text: string): string {
  const key = callKey(callId);
  return tokens(text).map((t) => key + t).join(' ');
}

function keyedPart(key: string, p: SearchPart): string | null {
  const ts = p.words.flatMap(tokens);
  if (!ts.length) return null;
  return `"${ts.map((t) => key + t).join(' ')}"${p.prefix ? '*' : ''}`;
}

/** The query restricted to one call: every part in one utterance, or (`any`) any single word. */
export function keyedQuery(callId: number, parts: SearchPart[], any = false): string {
  const key = callKey(callId);
  if (!any) return parts.map((p) => keyedPart(key, p)).filter(Boolean).join(' ');
  const words = parts.flatMap((p) => p.words.flatMap(tokens).map((w, i, all) => ({ words: [w], prefix: p.prefix && i === all.length - 1 })));
  return words.map((p) => keyedPart(key, p)).join(' OR ');
}

/** A function that adds utterances to the index (one prepared statement for many rows). */
export function utteranceIndexer(db: Db): (id: number | bigint, callId: number, text: string) => void {
  const ins = db.prepare('INSERT INTO utterance_fts (rowid, text) VALUES (?, ?)');
  return (id, callId, text) => ins.run(id, keyedText(callId, text));
}

/** Removes a call's utterances from the index (before they are deleted from utterances); a no-op for a call not indexed yet. */
export function unindexCallUtterances(db: Db, callId: number): void {
  if (db.prepare('SELECT utterances_indexed FROM calls WHERE id = ?').pluck().get(callId) !== 1) return;
  const del = db.prepare("INSERT INTO utterance_fts (utterance_fts, rowid, text) VALUES ('delete', ?, ?)");
  for (const u of db.prepare('SELECT id, text FROM utterances WHERE call_id = ?').all(callId) as { id: number; text: string }[]) {
    del.run(u.id, keyedText(callId, u.text));
  }
}

/** Adds the utterances of a call stored before version 4 and marks it indexed. */
export function indexCallUtterances(db: Db, callId: number): void {
  const index = utteranceIndexer(db);
  for (const u of db.prepare('SELECT id, text FROM utterances WHERE call_id = ?').all(callId) as { id: number; text: string }[]) {
    index(u.id, callId, u.text);
  }
  db.prepare('UPDATE calls SET utterances_indexed = 1 WHERE id = ?').run(callId);
}
