// Everything the language metrics need from one utterance, computed once:
// tokens, words, fillers, whether it is a question, and its sentiment.
// The metrics then only sweep these records (see bench/language.ts for what
// this indexing saves over re-reading the text per window).
import type { Utterance } from '../../contract/calls';
import { findFillers, type FillerHit } from './fillers';
import { isQuestionTokens } from './questions';
import { compound, withoutFillers } from './sentiment';
import { tokenize, type Token } from './tokenize';

export interface PreparedUtterance {
  u: Utterance;
  tokens: Token[];
  words: number;
  fillers: FillerHit[];
  question: boolean;
  /** VADER compound score, -1..1, of the text without fillers. */
  compound: number;
}

export function prepareUtterance(u: Utterance): PreparedUtterance {
  const tokens = tokenize(u.text);
  const fillers = findFillers(tokens);
  return {
    u,
    tokens,
    words: tokens.length,
    fillers,
    question: isQuestionTokens(u.text, tokens),
    compound: compound(withoutFillers(u.text, tokens, fillers)),
  };
}

/** Prepared utterances sorted by start time. */
export function prepareAll(utterances: readonly Utterance[]): PreparedUtterance[] {
  return [...utterances].sort((a, b) => a.start - b.start || a.end - b.end).map(prepareUtterance);
}
