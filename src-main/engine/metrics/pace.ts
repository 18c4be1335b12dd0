// Speech rate without a transcript (METRICS.md): syllable nuclei per second
// of my talk time, and estimated wpm = syllables per minute / 1.4.
import type { PaceMetric } from '../../contract/report';
import { SYLLABLES_PER_WORD } from './definitions';
import { round } from './spans';

/** Below this much speech a rate is noise, not a pace. */
export const MIN_TALK_SEC_FOR_PACE = 3;

export function acousticPace(syllables: number, talkSec: number): PaceMetric {
  if (talkSec < MIN_TALK_SEC_FOR_PACE) return { method: 'acoustic', wpm: null, syllablesPerSec: null };
  const sps = syllables / talkSec;
  return { method: 'acoustic', wpm: Math.round((sps * 60) / SYLLABLES_PER_WORD), syllablesPerSec: round(sps) };
}
