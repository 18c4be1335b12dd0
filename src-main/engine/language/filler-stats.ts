// Filler and pace figures over my utterances (METRICS.md): fillers per minute
// of my talk time and per word, counts by filler, and transcript wpm = my
// words / my talk time in minutes.
import { MIN_TALK_SEC_FOR_PACE } from '../metrics/pace';
import type { FillerMetric, FillerWord } from '../../contract/language';
import type { PreparedUtterance } from './prepare';

export type { FillerMetric };

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

export function myWords(prepared: readonly PreparedUtterance[]): number {
  let n = 0;
  for (const p of prepared) if (p.u.side === 'me') n += p.words;
  return n;
}

export function fillerStats(prepared: readonly PreparedUtterance[], talkSecMe: number): FillerMetric {
  const byWord: Partial<Record<FillerWord, number>> = {};
  let count = 0;
  let words = 0;
  for (const p of prepared) {
    if (p.u.side !== 'me') continue;
    words += p.words;
    for (const f of p.fillers) {
      count++;
      byWord[f.word] = (byWord[f.word] ?? 0) + 1;
    }
  }
  return {
    count,
    perMinute: talkSecMe > 0 ? round(count / (talkSecMe / 60), 2) : 0,
    perWord: words > 0 ? round(count / words, 4) : 0,
    byWord,
  };
}

/** Words per minute of my talk time; null below MIN_TALK_SEC_FOR_PACE of speech. */
export function transcriptWpm(prepared: readonly PreparedUtterance[], talkSecMe: number): number | null {
  if (talkSecMe < MIN_TALK_SEC_FOR_PACE) return null;
  return Math.round(myWords(prepared) / (talkSecMe / 60));
}
