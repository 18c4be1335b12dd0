// All timing metrics of METRICS.md from the two sides' segments.
import type { Segments, TimingMetrics } from '../../contract/report';
import { countInterruptions } from './interruptions';
import { longestMonologue } from './monologue';
import { acousticPace } from './pace';
import { patience } from './patience';
import { round, totalDuration, union } from './spans';

export interface TimingOptions {
  /** Syllable nuclei counted in my speech, for the acoustic pace. */
  syllablesMe?: number;
}

export function computeTimingMetrics(segments: Segments, durationSec: number, opts: TimingOptions = {}): TimingMetrics {
  const me = totalDuration(segments.me);
  const them = totalDuration(segments.them);
  const spoken = totalDuration(union(segments.me, segments.them));
  return {
    talkShare: me + them > 0 ? round(me / (me + them), 3) : null,
    talkSec: { me: round(me, 1), them: round(them, 1) },
    longestMonologueSec: {
      me: round(longestMonologue(segments.me, segments.them), 1),
      them: round(longestMonologue(segments.them, segments.me), 1),
    },
    patienceSec: patience(segments.me, segments.them),
    interruptions: {
      me: countInterruptions(segments.me, segments.them),
      them: countInterruptions(segments.them, segments.me),
    },
    silenceShare: durationSec > 0 ? round(Math.max(0, 1 - spoken / durationSec), 3) : 0,
    pace: acousticPace(opts.syllablesMe ?? 0, me),
  };
}
