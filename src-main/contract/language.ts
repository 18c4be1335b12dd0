// The language part of a report (METRICS.md "Language metrics"): what
// `candor analyze` adds when a transcript exists, what the store keeps and
// what the history view shows. Pure types; produced by engine/language.
import type { PaceMetric, Side } from './report';

export type FillerWord =
  | 'um' | 'uh' | 'er' | 'ah' | 'hmm' | 'mm'
  | 'like' | 'you know' | 'i mean' | 'sort of' | 'kind of' | 'basically' | 'actually' | 'literally' | 'so';

export interface FillerMetric {
  count: number;
  /** Per minute of my talk time; 0 when I did not speak. */
  perMinute: number;
  /** Per word I said; 0 when I said nothing. */
  perWord: number;
  byWord: Partial<Record<FillerWord, number>>;
}

export interface EngagingQuestion {
  at: number;
  text: string;
  /** Seconds they spoke before I spoke again for more than 3 s. */
  theirSec: number;
}

export interface NextStepItem {
  text: string;
  at: number;
  side: Side;
}

export interface NextStepsMetric {
  set: boolean;
  items: NextStepItem[];
}

/** The length of the windows of the sentiment and engagement timelines (seconds). */
export const TIMELINE_WINDOW_SEC = 60;

/** [t, score] points; t = start of a TIMELINE_WINDOW_SEC window; score 0..100. */
export type Timeline = [number, number][];

export interface SentimentMetric {
  /** 0..100, 50 = neutral; null without words. */
  call: number | null;
  timeline: Timeline;
  bySide: { me: number | null; them: number | null };
}

export interface EngagementMetric {
  call: number | null;
  timeline: Timeline;
}

export type MomentKind = 'engagement-up' | 'engagement-down' | 'sentiment-up' | 'sentiment-down';

export interface Moment {
  at: number;
  kind: MomentKind;
  /** The score change, signed, in points of 0..100. */
  delta: number;
  /** The words said just before. */
  before: string;
}

export interface LanguageMetrics {
  /** My words / my talk time in minutes (the transcript method of METRICS.md). */
  wpm: number | null;
  pace: PaceMetric;
  fillers: FillerMetric;
  questions: { me: number; them: number };
  engagingQuestions: number;
  engagingQuestionsList: EngagingQuestion[];
  nextSteps: NextStepsMetric;
  sentiment: SentimentMetric;
  engagement: EngagementMetric;
  moments: Moment[];
}
