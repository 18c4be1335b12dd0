// Full-text search over the history. The calls come from the call index
// (titles, notes, whole transcripts), newest first: ranking by relevance
// would read every matching call's positions (every call, for "the"), and a
// history is browsed by date. For a transcript hit, the moment and its
// snippet come from the utterance index, which holds each call's words
// under the call's own key (utterance-index.ts), so finding them reads only
// that call's entries. Calls stored before that index existed and not yet
// reached by the backlog are read the old way, one call's utterances.
import type { CallSummary } from '../../contract/calls';
import { CALL_ROWIDS } from './call-text';
import type { Db } from './db';
import { searchParts, toFtsQuery } from './fts-query';
import { hasAllQueryWords, hasQueryWord, snippetOf } from './snippet';
import { keyedQuery } from './utterance-index';

/** The calls whose search text matches, newest first (a call's row has rowid = call id << 32: call-text.ts). */
export const SEARCH_CALLS_SQL = 'SELECT rowid >> 32 FROM call_fts WHERE call_fts MATCH ? ORDER BY rowid DESC LIMIT ?';

export const CALL_TEXT_SQL = 'SELECT title, notes, utterances_indexed FROM calls WHERE id = ?';

export const FIRST_UTTERANCE_MATCH_SQL = `
  SELECT start_sec AS at, text FROM utterances
  WHERE id = (SELECT rowid FROM utterance_fts WHERE utterance_fts MATCH ? ORDER BY rowid LIMIT 1)`;

export const CALL_UTTERANCES_SQL = 'SELECT start_sec AS at, text FROM utterances WHERE call_id = ? ORDER BY start_sec, id';

/** Only for the rare hit whose words are in no one utterance (e.g. a phrase across two). */
const TRANSCRIPT_SNIPPET_SQL = `SELECT snippet(call_fts, 2, '[', ']', '…', 12) FROM call_fts WHERE call_fts MATCH ? AND rowid BETWEEN ${CALL_ROWIDS}`;

type Moment = { at: number; text: string };

export function searchCalls(db: Db, query: string, limit: number, summaryOf: (id: number) => CallSummary | undefined): CallSummary[] {
  const fts = toFtsQuery(query);
  if (!fts) return [];
  const parts = searchParts(query);
  const texts = db.prepare(CALL_TEXT_SQL);
  const first = db.prepare(FIRST_UTTERANCE_MATCH_SQL);
  const all = db.prepare(CALL_UTTERANCES_SQL);
  const moment = (callId: number, indexed: boolean): Moment | undefined => {
    if (indexed) return (first.get(keyedQuery(callId, parts)) ?? first.get(keyedQuery(callId, parts, true))) as Moment | undefined;
    const utts = all.all(callId) as Moment[];
    return utts.find((u) => hasAllQueryWords(u.text, parts)) ?? utts.find((u) => hasQueryWord(u.text, parts));
  };
  const out: CallSummary[] = [];
  for (const id of db.prepare(SEARCH_CALLS_SQL).pluck().all(fts, limit) as number[]) {
    const s = summaryOf(id);
    const t = texts.get(id) as { title: string; notes: string; utterances_indexed: number } | undefined;
    if (!s || !t) continue;
    if (hasAllQueryWords(t.title, parts)) s.match = { field: 'title', snippet: snippetOf(t.title, parts) };
    else if (hasAllQueryWords(t.notes, parts)) s.match = { field: 'notes', snippet: snippetOf(t.notes, parts) };
    else {
      const m = moment(id, t.utterances_indexed === 1);
      s.match = m ? { field: 'transcript', snippet: snippetOf(m.text, parts), atSec: m.at }
        : { field: 'transcript', snippet: db.prepare(TRANSCRIPT_SNIPPET_SQL).pluck().get(fts, id, id) as string };
    }
    out.push(s);
  }
  return out;
}
