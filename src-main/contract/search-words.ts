// What the history search counts as a word: letters, digits and apostrophes.
// One home for the store, which turns a search into an FTS5 query
// (engine/store/fts-query.ts), and the history window, which shapes what the
// user types (src-renderer/history/search-query.ts).

const WORD_CHAR = String.raw`[\p{L}\p{N}']`;
const WORDS = new RegExp(`${WORD_CHAR}+`, 'gu');
const ENDS_IN_WORD = new RegExp(`${WORD_CHAR}$`, 'u');

/** The words of a piece of a search, in order ("budget's Q3" → budget's, Q3). */
export function searchWords(text: string): string[] {
  return text.match(WORDS) ?? [];
}

/** Whether the text ends inside a word (nothing after its last letter, digit or apostrophe). */
export function endsInWord(text: string): boolean {
  return ENDS_IN_WORD.test(text);
}
