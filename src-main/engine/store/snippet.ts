// The snippet of an utterance, title or note that a search matched: the
// words of the query in [brackets], at most ~12 words around the first one,
// "…" where cut. A word matches a query word it equals, or (as the index's
// stemming found "budgets" and "thinking" for "budget" and "think") one it
// starts with plus at most three letters; a prefix (budg*) matches any word
// it starts.
import type { SearchPart } from './fts-query';
import { tokens } from './utterance-index';

const WINDOW = 12;
const STEM_SLACK = 3;

interface Wanted {
  word: string;
  prefix: boolean;
}

function wantedWords(parts: SearchPart[]): Wanted[] {
  return parts.flatMap((p) => p.words.flatMap(tokens).map((word, i, all) => ({ word, prefix: p.prefix && i === all.length - 1 })));
}

function matches(token: string, wanted: Wanted[]): boolean {
  return wanted.some(({ word, prefix }) => token === word
    || (token.startsWith(word) && (prefix || (word.length >= 3 && token.length - word.length <= STEM_SLACK))));
}

/** Whether any word of the text matches a word of the query. */
export function hasQueryWord(text: string, parts: SearchPart[]): boolean {
  const wanted = wantedWords(parts);
  return tokens(text).some((t) => matches(t, wanted));
}

/** Whether every word of the query matches some word of the text. */
export function hasAllQueryWords(text: string, parts: SearchPart[]): boolean {
  const words = tokens(text);
  return wantedWords(parts).every((w) => words.some((t) => matches(t, [w])));
}

export function snippetOf(text: string, parts: SearchPart[]): string {
  const wanted = wantedWords(parts);
  const pieces = text.match(/[\p{L}\p{N}]+|[^\p{L}\p{N}]+/gu) ?? [];
  const words: number[] = [];
  let first = -1;
  const out = pieces.map((piece, i) => {
    if (!/^[\p{L}\p{N}]/u.test(piece)) return piece;
    words.push(i);
    if (!matches(piece.toLowerCase(), wanted)) return piece;
    if (first < 0) first = words.length - 1;
    return `[${piece}]`;
  });
  if (words.length <= WINDOW) return out.join('').trim();
  const from = Math.max(0, Math.min(first < 0 ? 0 : first - 3, words.length - WINDOW));
  const to = Math.min(words.length, from + WINDOW);
  const cut = out.slice(words[from], to < words.length ? words[to] : out.length).join('').trim();
  return `${from > 0 ? '…' : ''}${cut}${to < words.length ? '…' : ''}`;
}
