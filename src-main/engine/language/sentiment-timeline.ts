// Sentiment over the call (METRICS.md): per utterance, over 60 s windows and
// one score for the call, all 0..100 with 50 = neutral. A window's and the
// call's score are the word-weighted mean of their utterances' VADER
// compound scores (so "ok" weighs less than a long sentence), then mapped.
// An utterance belongs to the window that holds its midpoint; windows with
// no words have no point on the timeline.
import type { SentimentMetric, Timeline } from '../../contract/language';
import type { PreparedUtterance } from './prepare';
import { toScore } from './sentiment';
import { WINDOW_SEC, windowCount, windowOf } from './windows';

export type { SentimentMetric, Timeline };

export function sentimentTimeline(prepared: readonly PreparedUtterance[], durationSec: number): SentimentMetric {
  const n = windowCount(durationSec);
  const sum = new Float64Array(n);
  const weight = new Float64Array(n);
  const side = { me: [0, 0], them: [0, 0] };
  for (const p of prepared) {
    if (p.words === 0) continue;
    const k = windowOf((p.u.start + p.u.end) / 2, n);
    sum[k] += p.compound * p.words;
    weight[k] += p.words;
    side[p.u.side][0] += p.compound * p.words;
    side[p.u.side][1] += p.words;
  }
  const timeline: Timeline = [];
  for (let k = 0; k < n; k++) if (weight[k] > 0) timeline.push([k * WINDOW_SEC, toScore(sum[k] / weight[k])]);
  const mean = ([s, w]: number[]): number | null => (w > 0 ? toScore(s / w) : null);
  return {
    call: mean([side.me[0] + side.them[0], side.me[1] + side.them[1]]),
    timeline,
    bySide: { me: mean(side.me), them: mean(side.them) },
  };
}

/** 0..100 score of each utterance, in the order given. */
export function utteranceScores(prepared: readonly PreparedUtterance[]): number[] {
  return prepared.map((p) => toScore(p.compound));
}
