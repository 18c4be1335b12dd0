// The analysis report: what `candor analyze --json` prints, what the store
// keeps for a call and what the history window shows. Fields may be added,
// none removed (see ../shared/METRICS.md for every definition).
import type { Utterance } from './calls';
import type { LanguageMetrics } from './language';
import type { Participant, TimingSource } from './participants';

export type Side = 'me' | 'them';
export const SIDES: readonly Side[] = ['me', 'them'];

/** [startSec, endSec] */
export type Span = [number, number];

export interface Segments {
  me: Span[];
  them: Span[];
}

export interface PaceMetric {
  /** 'acoustic' = syllable nuclei estimate; 'transcript' = words / talk time. */
  method: 'acoustic' | 'transcript';
  wpm: number | null;
  syllablesPerSec?: number | null;
}

export interface PatienceMetric {
  mean: number | null;
  median: number | null;
  count: number;
}

export interface TimingMetrics {
  talkShare: number | null;
  talkSec: { me: number; them: number };
  longestMonologueSec: { me: number; them: number };
  patienceSec: PatienceMetric;
  interruptions: { me: number; them: number };
  silenceShare: number;
  pace: PaceMetric;
}

/** Vision summary over a call (issue: screen vision). Counts and geometry only. */
export interface VisionSummary {
  facesMedian: number;
  cameraOnShare: number;
  facingShare: number;
  samples: number;
}

export interface Metrics extends TimingMetrics, Partial<Omit<LanguageMetrics, 'pace'>> {
  // Language metrics and engagement (contract/language.ts) are added by the
  // words pipeline; they are optional so that a call without a transcript
  // still has a full report. With words, `pace` is the transcript's and the
  // acoustic estimate is kept as `paceAcoustic`.
  paceAcoustic?: PaceMetric;
}

export interface AnalysisReport {
  file: string;
  durationSec: number;
  segments: Segments;
  metrics: Metrics;
  vision?: VisionSummary;
  /** One entry per distinct speaker, me among them (absent in reports stored before participants existed). */
  participants?: Participant[];
  /** What was said, when a transcript or ASR gave words: lets a user export the transcript. */
  utterances?: Utterance[];
  /** Where the timing came from (absent in reports stored before this field existed). */
  timingSource?: TimingSource;
  /** Things the user should know about how the numbers were produced. */
  notes?: string[];
}
