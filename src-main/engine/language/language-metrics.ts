// The language metrics of METRICS.md in one call: transcript pace, fillers,
// questions, engaging questions, next steps, sentiment, engagement and
// moments. Each utterance is read once (prepare.ts); the rest are sweeps.
import type { Utterance, VisionSample } from '../../contract/calls';
import type { LanguageMetrics } from '../../contract/language';
import type { Segments } from '../../contract/report';
import { totalDuration } from '../metrics/spans';
import { engagement } from './engagement';
import { engagingQuestions } from './engaging';
import { fillerStats, transcriptWpm } from './filler-stats';
import { findMoments } from './moments';
import { nextSteps } from './next-steps';
import { prepareAll, type PreparedUtterance } from './prepare';
import { sentimentTimeline } from './sentiment-timeline';

export interface LanguageInput {
  utterances: readonly Utterance[];
  /** Both sides' speech segments (from audio, or from the utterances: see segmentsFromUtterances). */
  segments: Segments;
  durationSec: number;
  vision?: readonly VisionSample[];
}

export type { LanguageMetrics };

export function languageMetricsFromPrepared(prepared: readonly PreparedUtterance[], input: LanguageInput): LanguageMetrics {
  const talkMe = totalDuration(input.segments.me);
  const wpm = transcriptWpm(prepared, talkMe);
  const questions = { me: 0, them: 0 };
  for (const p of prepared) if (p.question) questions[p.u.side]++;
  const engaging = engagingQuestions(prepared, input.segments, input.durationSec);
  const sentiment = sentimentTimeline(prepared, input.durationSec);
  const eng = engagement({ segments: input.segments, durationSec: input.durationSec, prepared, vision: input.vision });
  return {
    wpm,
    pace: { method: 'transcript', wpm },
    fillers: fillerStats(prepared, talkMe),
    questions,
    engagingQuestions: engaging.length,
    engagingQuestionsList: engaging,
    nextSteps: nextSteps(prepared, input.durationSec),
    sentiment,
    engagement: eng,
    moments: findMoments(prepared, eng.timeline, sentiment.timeline),
  };
}

export function languageMetrics(input: LanguageInput): LanguageMetrics {
  return languageMetricsFromPrepared(prepareAll(input.utterances), input);
}
