// What a user types into the history search, as an FTS5 query. Words are
// matched as words (the tokenizer's stemming still finds "budgets" for
// "budget"); a word ending in * is a prefix; "quoted words" are a phrase:
// those words next to each other, in that order. Every part is required.
// Anything else the user types (operators, brackets, colons) is text, never
// FTS5 syntax, so no input can make the query fail.

export interface SearchPart {
  /** The words of a term or a phrase, as typed (letters, digits, apostrophes). */
  words: string[];
  /** The last word is a prefix. */
  prefix: boolean;
}

const WORD = /[\p{L}\p{N}']+/gu;

/** The parts of a query: quoted phrases and single words, in order. */
export function searchParts(q: string): SearchPart[] {
  const parts: SearchPart[] = [];
  const re = /"([^"]*)("?)|([^\s"]+)/g;
  for (const m of q.matchAll(re)) {
    const text = m[1] ?? m[3] ?? '';
    const words = text.match(WORD) ?? [];
    if (!words.length) continue;
    const prefix = /\*\s*$/.test(text);
    if (m[1] !== undefined) parts.push({ words, prefix });
    else for (const [i, w] of words.entries()) parts.push({ words: [w], prefix: prefix && i === words.length - 1 });
  }
  return parts;
}

function quote(word: string): string {
  return `"${word.replace(/"/g, '""')}"`;
}

function partQuery(p: SearchPart): string {
  return `${quote(p.words.join(' '))}${p.prefix ? '*' : ''}`;
}

/** All parts required; '' when there is nothing to search for. */
export function toFtsQuery(q: string): string {
  return searchParts(q).map(partQuery).join(' ');
}

/** Any single word of the query (the fallback when no one utterance holds them all). */
export function anyWordQuery(q: string): string {
  const words = searchParts(q).flatMap((p) => p.words.map((w, i) => ({ words: [w], prefix: p.prefix && i === p.words.length - 1 })));
  return words.map(partQuery).join(' OR ');
}
