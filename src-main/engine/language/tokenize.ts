// Word tokens with the punctuation around them, computed once per utterance
// and shared by every language rule. A word is letters/digits with inner
// apostrophes or hyphens ("don't", "follow-up", "mm-hmm").

export interface Token {
  /** Lower case, curly apostrophes made straight. */
  w: string;
  /** Character offsets in the utterance text. */
  start: number;
  end: number;
  /** First word of the text or of a sentence (after . ? !). */
  sentenceStart: boolean;
  /** Last word of the text or of a sentence. */
  sentenceEnd: boolean;
  /** A comma, dash, colon, semicolon or ellipsis right before / after the word. */
  pauseBefore: boolean;
  pauseAfter: boolean;
}

const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;
const SENTENCE_END = /[.?!…]/;
const PAUSE = /[,;:\u2013\u2014]|(?:^|\s)-(?:\s|$)|\.\.\.|…/;

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let prevEnd = 0;
  for (const m of text.matchAll(WORD)) {
    const start = m.index ?? 0;
    const gap = text.slice(prevEnd, start);
    const first = out.length === 0;
    const sentenceStart = first || SENTENCE_END.test(gap);
    const pauseBefore = !first && PAUSE.test(gap);
    if (!first) {
      const prev = out[out.length - 1];
      prev.sentenceEnd = sentenceStart;
      prev.pauseAfter = pauseBefore;
    }
    out.push({ w: m[0].toLowerCase().replace(/’/g, "'"), start, end: start + m[0].length, sentenceStart, sentenceEnd: false, pauseBefore, pauseAfter: false });
    prevEnd = start + m[0].length;
  }
  const last = out[out.length - 1];
  if (last) {
    const tail = text.slice(prevEnd);
    last.sentenceEnd = true;
    last.pauseAfter = PAUSE.test(tail);
  }
  return out;
}

export function countWords(text: string): number {
  let n = 0;
  for (const _ of text.matchAll(WORD)) n++;
  return n;
}
