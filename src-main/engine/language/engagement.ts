// Engagement, 0..100 over time, from signals that are not emotions
// (METRICS.md; signals in engagement-signals.ts). Nothing here looks at
// faces' expressions or voices' tone.
import type { VisionSample } from '../../contract/calls';
import type { EngagementMetric, Timeline } from '../../contract/language';
import type { Segments } from '../../contract/report';
import { callSignals, type SignalName, type Signals, windowSignals } from './engagement-signals';
import type { PreparedUtterance } from './prepare';
import { WINDOW_SEC } from './windows';

/**
 * THE weights of engagement, in one place. They sum to 1. A signal with no
 * evidence in a stretch (no vision, no hand-over, no transcript) is left out
 * and the others are scaled up to sum to 1 again.
 *   theirShare      0.30  their share of talk (more of them talking = more engaged)
 *   responseSpeed   0.20  how quickly they answer when I stop
 *   turnLength      0.20  how long their turns are
 *   theirQuestions  0.15  whether they ask questions
 *   cameraOn        0.05  share of vision samples with the camera on
 *   facesVisible    0.05  share of vision samples with at least one face
 *   facing          0.05  share of visible faces turned toward the screen
 * Speech carries 85 % and vision 15 %: what people say and how they take
 * turns is the stronger evidence; vision is off for many calls.
 */
export const ENGAGEMENT_WEIGHTS: Readonly<Record<SignalName, number>> = {
  theirShare: 0.3,
  responseSpeed: 0.2,
  turnLength: 0.2,
  theirQuestions: 0.15,
  cameraOn: 0.05,
  facesVisible: 0.05,
  facing: 0.05,
};

/** 0..100 from signals, or null when no speech signal exists (nobody spoke). */
export function engagementScore(s: Signals): number | null {
  if (s.theirShare === null) return null;
  let sum = 0;
  let weight = 0;
  for (const name of Object.keys(ENGAGEMENT_WEIGHTS) as SignalName[]) {
    const v = s[name];
    if (v === null) continue;
    sum += ENGAGEMENT_WEIGHTS[name] * v;
    weight += ENGAGEMENT_WEIGHTS[name];
  }
  return Math.round((100 * sum) / weight);
}

export type { EngagementMetric };

export function engagement(input: { segments: Segments; durationSec: number; prepared: readonly PreparedUtterance[] | null;
  vision?: readonly VisionSample[] }): EngagementMetric {
  const timeline: Timeline = [];
  windowSignals(input).forEach((s, w) => {
    const score = engagementScore(s);
    if (score !== null) timeline.push([w * WINDOW_SEC, score]);
  });
  return { call: engagementScore(callSignals(input)), timeline };
}
