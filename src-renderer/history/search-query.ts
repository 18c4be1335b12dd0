// What the history search box sends while the user types. The store matches
// whole words, `word*` as a prefix and "quoted phrases"
// (src-main/engine/store/fts-query.ts), so a half-typed last word is sent as
// a prefix: "budg" finds "budget". A word the user has ended (a space, a
// closing quote, punctuation) or already starred is sent as typed.
import { LIMITS } from '../../src-main/contract/engine-api';
import { endsInWord } from '../../src-main/contract/search-words';

/** The search to send for what is in the box ('' for nothing), at most LIMITS.queryLength characters. */
export function searchWhileTyping(typed: string): string {
  const text = typed.trimStart();
  const q = text.trimEnd();
  if (!q || q.length < text.length || !endsInWord(q)) return q;
  return q.length < LIMITS.queryLength ? `${q}*` : q;
}
