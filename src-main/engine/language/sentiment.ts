// Sentiment from text with VADER (lexicon and rules; handles negation such
// as "not good", intensifiers and "but"). VADER's compound score in -1..1 is
// mapped to 0..100 with 50 = neutral. Filler words are cut out first, so a
// filler "like" does not read as "to like".
import vader from 'vader-sentiment';
import type { FillerHit } from './fillers';
import type { Token } from './tokenize';

export function compound(text: string): number {
  return text.trim() === '' ? 0 : vader.SentimentIntensityAnalyzer.polarity_scores(text).compound;
}

export function toScore(c: number): number {
  return Math.round((50 + 50 * Math.max(-1, Math.min(1, c))) * 10) / 10;
}

/** The text with its filler words removed (and the commas that set them off). */
export function withoutFillers(text: string, tokens: readonly Token[], fillers: readonly FillerHit[]): string {
  if (fillers.length === 0) return text;
  let out = '';
  let from = 0;
  for (const f of fillers) {
    out += text.slice(from, tokens[f.index].start);
    from = tokens[f.index + f.length - 1].end;
  }
  out += text.slice(from);
  return out.replace(/\s*,(?:\s*,)+/g, ',').replace(/^[\s,]+/, '').replace(/\s+([,.?!])/g, '$1').replace(/\s{2,}/g, ' ').trim();
}

/** 0..100 score of one piece of text. */
export function sentimentScore(text: string): number {
  return toScore(compound(text));
}
