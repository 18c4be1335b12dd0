// What the store hands out about calls: the history list, one call in full,
// and trends. Shared by the engine, the CLI and the renderer.
import type { Participant } from './participants';
import type { AnalysisReport, Segments, Side } from './report';

export type CallStatus = 'recording' | 'complete' | 'recovered';
export type CallSource = 'live' | 'file';

export interface CallSummary {
  id: number;
  title: string;
  startedAt: string; // ISO 8601
  durationSec: number;
  source: CallSource;
  status: CallStatus;
  recovered: boolean;
  talkShare: number | null;
  paceWpm: number | null;
  longestMonologueSec: number | null;
  patienceMeanSec: number | null;
  questionsMe: number | null;
  /** Talk share over the call in ~20 bins, for the list's sparkline (null where nobody spoke). */
  sparkline: (number | null)[];
  /** Where a search matched, when the list came from a search. */
  match?: { field: 'title' | 'notes' | 'transcript'; snippet: string; atSec?: number };
}

export interface Utterance {
  side: Side;
  speaker?: string | null;
  start: number;
  end: number;
  text: string;
  words?: { word: string; start: number; end: number }[];
}

export interface VisionSample {
  t: number;
  facesVisible: number;
  facingCount: number;
  cameraOn: boolean;
}

export interface CallDetail extends CallSummary {
  file: string | null;
  /** The recording kept on this device, only when the user chose to keep audio. */
  audioFile: string | null;
  notes: string;
  endedAt: string | null;
  segments: Segments;
  report: AnalysisReport | null;
  utterances: Utterance[];
  vision: VisionSample[];
  /** Per speaker (METRICS.md "Participants"); me and them for audio-only calls. */
  participants: Participant[];
}

export interface TrendPoint {
  /** Monday of the ISO week, YYYY-MM-DD. */
  week: string;
  calls: number;
  talkShare: number | null;
  paceWpm: number | null;
  longestMonologueSec: number | null;
  patienceMeanSec: number | null;
  questionsMe: number | null;
  /** Calls of the week whose report has language figures (a transcript); the language averages below are over these only. */
  languageCalls: number;
  fillersPerMinute: number | null;
  /** My questions per 10 minutes of call. */
  questionsPer10Min: number | null;
  engagingQuestionsPer10Min: number | null;
  /** 0..100, 50 neutral. */
  sentiment: number | null;
  /** 0..100. */
  engagement: number | null;
}

export type ExportFormat = 'json' | 'csv';
