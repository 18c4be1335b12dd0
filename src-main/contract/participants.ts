// Per-participant figures (METRICS.md "Participants"): one entry per distinct
// speaker, "me" among them. Calls without speaker names (audio only) have
// two participants, me and them. Pure types; produced by engine/metrics.
import type { Side } from './report';

export interface Participant {
  /** The speaker's name as the transcript first wrote it; "me" / "them" for audio-only calls. */
  name: string;
  side: Side;
  /** Their utterances, bridged like segments (seconds). */
  talkSec: number;
  /** Their talk time / all talk in the call; 0..1, null when nobody spoke. */
  share: number | null;
  /** Runs of their utterances not interrupted by another speaker's utterance longer than 1.0 s. */
  turns: number;
  /** Longest monologue against everyone else (seconds). */
  longestMonologueSec: number;
  questions: number;
  /** Whitespace-separated tokens of their utterances. */
  words: number;
  /** words / talk time in minutes; null without words or below the pace minimum. */
  wpm: number | null;
}

/** Where a call's timing came from: the audio's voice activity, or the transcript's cue times. */
export type TimingSource = 'audio' | 'transcript';

/** The key that makes names differing only in case or surrounding spaces one participant (METRICS.md). */
export function participantKey(name: string): string {
  return name.trim().toLowerCase();
}
