// Filler words (METRICS.md). Two kinds:
//
// Hesitations: um, uh, er, ah, hmm, mm (and their spellings: umm, uhm, erm,
// ahh, hm, mmm). Always fillers. Back-channels ("mm-hmm", "uh-huh", "mhm")
// are one hyphenated token and are not fillers.
//
// Discourse fillers count only in filler use. The rules, one per word; a
// "pause" is a comma, dash, colon, semicolon or ellipsis, or a hesitation
// next to the word; "sentence start/end" is the start/end of the utterance
// or a . ? ! boundary:
//   like       set off by pauses on both sides ("it was, like, huge"), or
//              sentence-initial and followed by a pause ("Like, we tried"),
//              or doubled ("like like"). Never otherwise: "I like it",
//              "looks like rain", "like I said" are not fillers.
//   you know   not after do/does/did/don't/didn't/if/whether/as/what/how or
//              a modal ("do you know", "as you know"), and either followed by
//              a pause or sentence end ("it's hard, you know?"), or at a
//              sentence start / after a pause and not followed by an object
//              ("you know him", "you know the answer", "you know what").
//   I mean     "I" at a sentence start or after a pause, and "mean" followed
//              by a pause, sentence end, or a word that is not its object
//              ("I mean, it's fine" yes; "what I mean is", "I mean it",
//              "I mean that", "I mean to" no).
//   sort of / kind of   not after a determiner, quantifier or wh-word ("what
//              kind of car", "a sort of tool", "this kind of thing" no; "I
//              kind of agree", "it's sort of expensive" yes).
//   basically / actually / literally   at a sentence start or set off by a
//              pause on either side ("Actually, we..."; "it broke, literally.")
//              Inside a clause they are adverbs ("what actually happened",
//              "it literally broke"): not counted.
//   so         first word of a sentence (or after a hesitation) and followed by a
//              pause, a hesitation, a subject or a discourse word ("So, the
//              plan"; "So we tried"; "So what do you think"), or last word
//              of a sentence after a pause ("..., so."). Not "so good",
//              "so that", "so far", "so much" (intensifier or conjunction).
import type { Token } from './tokenize';

import type { FillerWord } from '../../contract/language';

export type { FillerWord };

export interface FillerHit {
  word: FillerWord;
  /** Index of the filler's first token. */
  index: number;
  /** Number of tokens it spans (2 for "you know"). */
  length: number;
}

export function hesitation(w: string): FillerWord | null {
  if (/^u+h*m+$/.test(w)) return 'um'; // um, umm, uhm
  if (/^u+h+$/.test(w)) return 'uh';
  if (/^e+r+m*$/.test(w) && w !== 'err') return 'er'; // er, erm
  if (/^a+h+$/.test(w)) return 'ah';
  if (/^h+m+$/.test(w)) return 'hmm';
  if (/^m{2,}$/.test(w)) return 'mm';
  return null;
}

const AUX_BEFORE_YOU = new Set(['do', 'does', 'did', "don't", "didn't", "doesn't", 'if', 'whether', 'as', 'what', 'how',
  'would', 'could', 'should', 'will', 'can', 'might', 'may', "wouldn't", "couldn't", 'let', 'let\'s', 'to',
  // "now you know", "I think you know": you are informed, not a filler
  'now', 'already', 'all', 'probably', 'surely', 'because', 'since', 'that', 'think', 'guess', 'hope', 'sure']);
const OBJECT_AFTER_KNOW = new Set(['him', 'her', 'them', 'it', 'that', 'this', 'these', 'those', 'the', 'a', 'an', 'what',
  'how', 'why', 'where', 'who', 'which', 'when', 'whether', 'if', 'me', 'us', 'you', 'your', 'my', 'our', 'their', 'his',
  'about', 'anyone', 'someone', 'anything', 'something', 'everything', 'nothing', 'each', 'exactly']);
const OBJECT_AFTER_MEAN = new Set(['it', 'that', 'this', 'what', 'to', 'business', 'no', 'nothing', 'you', 'him', 'her',
  'them', 'anything', 'something', 'every', 'each', 'well']);
const DETERMINERS = new Set(['a', 'an', 'the', 'this', 'that', 'these', 'those', 'what', 'which', 'whatever', 'some',
  'any', 'every', 'each', 'no', 'one', 'same', 'other', 'another', 'different', 'my', 'your', 'our', 'their', 'his',
  'her', 'its', 'new', 'right', 'wrong', 'first', 'best', 'only', 'certain', 'particular', 'weird', 'special']);
const AFTER_DISCOURSE_SO = new Set(['i', "i'm", "i've", "i'd", "i'll", 'we', "we're", "we've", "we'd", "we'll", 'you',
  "you're", "you've", 'they', "they're", 'he', "he's", 'she', "she's", 'it', "it's", "that's", 'there', "there's", 'the',
  'what', "what's", 'how', 'why', 'when', 'where', 'who', 'um', 'uh', 'basically', 'anyway', 'yeah', 'okay', 'ok',
  'now', 'then', 'let', "let's", 'if', 'our', 'my', 'your', 'this', 'tell', 'do', 'does', 'did', 'is', 'are', 'can',
  'could', 'would', 'yes', 'no', 'right', 'like', 'actually', 'just', 'first', 'moving', 'going', 'looking']);

/** A pause before token i: punctuation, the start of a sentence, or a hesitation right before it. */
function pauseBefore(t: readonly Token[], i: number): boolean {
  return t[i].pauseBefore || t[i].sentenceStart || (i > 0 && hesitation(t[i - 1].w) !== null);
}

function pauseAfter(t: readonly Token[], i: number): boolean {
  return t[i].pauseAfter || t[i].sentenceEnd || (i + 1 < t.length && hesitation(t[i + 1].w) !== null);
}

function isLike(t: readonly Token[], i: number): boolean {
  if (t[i + 1]?.w === 'like' && !t[i].sentenceEnd) return true;
  if (t[i].sentenceStart) return t[i].pauseAfter || (i + 1 < t.length && hesitation(t[i + 1].w) !== null);
  return pauseBefore(t, i) && (t[i].pauseAfter || (!t[i].sentenceEnd && hesitation(t[i + 1]?.w ?? '') !== null) || (t[i].sentenceEnd && t[i].pauseBefore));
}

function isYouKnow(t: readonly Token[], i: number): boolean {
  const prev = i > 0 && !t[i].sentenceStart ? t[i - 1].w : null;
  if (prev !== null && AUX_BEFORE_YOU.has(prev)) return false;
  if (pauseAfter(t, i + 1)) return true;
  const next = t[i + 2]?.w;
  return pauseBefore(t, i) && next !== undefined && !OBJECT_AFTER_KNOW.has(next);
}

function isIMean(t: readonly Token[], i: number): boolean {
  if (!pauseBefore(t, i)) return false;
  if (pauseAfter(t, i + 1)) return true;
  const next = t[i + 2]?.w;
  return next !== undefined && !OBJECT_AFTER_MEAN.has(next);
}

function isHedge(t: readonly Token[], i: number): boolean {
  const prev = i > 0 && !t[i].sentenceStart ? t[i - 1].w : null;
  return prev === null || !DETERMINERS.has(prev);
}

function isSentenceAdverb(t: readonly Token[], i: number): boolean {
  return pauseBefore(t, i) || t[i].pauseAfter || (t[i].sentenceEnd && i > 0 && t[i].pauseBefore);
}

function isSo(t: readonly Token[], i: number): boolean {
  if (t[i].sentenceEnd && !t[i].sentenceStart) return t[i].pauseBefore;
  // Only sentence-initial: after a comma "so" is a conjunction ("we can't, so we won't").
  if (!t[i].sentenceStart && !(i > 0 && hesitation(t[i - 1].w) !== null)) return false;
  if (t[i].pauseAfter) return true;
  const next = t[i + 1];
  if (!next || t[i].sentenceEnd) return false;
  return hesitation(next.w) !== null || AFTER_DISCOURSE_SO.has(next.w);
}

/** Every filler in one utterance's tokens, in order. Multi-word fillers do not overlap. */
export function findFillers(tokens: readonly Token[]): FillerHit[] {
  const hits: FillerHit[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const w = tokens[i].w;
    const next = tokens[i + 1]?.w;
    const h = hesitation(w);
    let hit: FillerHit | null = null;
    if (h) hit = { word: h, index: i, length: 1 };
    else if (w === 'like' && isLike(tokens, i)) hit = { word: 'like', index: i, length: 1 };
    else if (w === 'you' && next === 'know' && !tokens[i].sentenceEnd && isYouKnow(tokens, i)) hit = { word: 'you know', index: i, length: 2 };
    else if (w === 'i' && next === 'mean' && !tokens[i].sentenceEnd && isIMean(tokens, i)) hit = { word: 'i mean', index: i, length: 2 };
    else if ((w === 'sort' || w === 'kind') && next === 'of' && !tokens[i].sentenceEnd && isHedge(tokens, i)) {
      hit = { word: w === 'sort' ? 'sort of' : 'kind of', index: i, length: 2 };
    } else if ((w === 'basically' || w === 'actually' || w === 'literally') && isSentenceAdverb(tokens, i)) hit = { word: w, index: i, length: 1 };
    else if (w === 'so' && isSo(tokens, i)) hit = { word: 'so', index: i, length: 1 };
    if (hit) {
      hits.push(hit);
      i += hit.length - 1;
    }
  }
  return hits;
}
