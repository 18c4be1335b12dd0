// A full AnalysisReport from a transcript: alone (timing from the cue times)
// or with an audio report (timing from the audio, words from the transcript).
import type { Utterance, VisionSample } from '../../contract/calls';
import type { AnalysisReport, Segments, Span } from '../../contract/report';
import { computeTimingMetrics } from '../metrics/timing-metrics';
import { BRIDGE_PAUSE_SEC } from '../metrics/definitions';
import { participantsFromUtterances } from '../metrics/participants';
import { bridgeSpans } from '../metrics/spans';
import { languageMetrics } from './language-metrics';
import { TRANSCRIPT_TIMING_NOTE, transcriptLongerNote, transcriptWordsNote } from './notes';

/** A transcript this much longer than its audio gets a note. */
const MISMATCH_SEC = 5;

/** Each side's utterance spans, overlapping ones merged and gaps < 0.5 s bridged. */
export function segmentsFromUtterances(utterances: readonly Utterance[]): Segments {
  const spans = { me: [] as Span[], them: [] as Span[] };
  for (const u of utterances) if (u.end > u.start) spans[u.side].push([u.start, u.end]);
  return { me: bridgeSpans(spans.me, BRIDGE_PAUSE_SEC), them: bridgeSpans(spans.them, BRIDGE_PAUSE_SEC) };
}

export interface TranscriptAnalysisInput {
  /** The transcript's file name (or the audio's, when audio is given). */
  file: string;
  utterances: readonly Utterance[];
  /** Call length; default: the end of the last utterance. Ignored when audio is given. */
  durationSec?: number;
  vision?: readonly VisionSample[];
  /** A report of the same call's audio: it supplies timing, the transcript supplies words. */
  audio?: AnalysisReport;
  /** Where the words came from, for the report's note (default: the transcript file). */
  wordsFrom?: string;
  /** Notes from the transcript import (cues skipped, timings read leniently, sides from audio). */
  importNotes?: readonly string[];
}

export function analyzeTranscript(input: TranscriptAnalysisInput): AnalysisReport {
  const lastEnd = input.utterances.reduce((m, u) => Math.max(m, u.end), 0);
  if (input.audio) {
    const a = input.audio;
    const lang = languageMetrics({ utterances: input.utterances, segments: a.segments, durationSec: a.durationSec, vision: input.vision });
    const notes = [...(a.notes ?? []), transcriptWordsNote(input.wordsFrom ?? `the transcript ${input.file}`), ...(input.importNotes ?? [])];
    if (lastEnd > a.durationSec + MISMATCH_SEC) notes.push(transcriptLongerNote(lastEnd, a.durationSec));
    return {
      ...a,
      metrics: { ...a.metrics, ...lang, paceAcoustic: a.metrics.pace, pace: lang.pace },
      notes,
      participants: participantsFromUtterances(input.utterances),
      utterances: [...input.utterances],
      timingSource: 'audio',
    };
  }
  const durationSec = input.durationSec ?? lastEnd;
  const segments = segmentsFromUtterances(input.utterances);
  const timing = computeTimingMetrics(segments, durationSec);
  const lang = languageMetrics({ utterances: input.utterances, segments, durationSec, vision: input.vision });
  return {
    file: input.file,
    durationSec: Math.round(durationSec * 1000) / 1000,
    segments,
    metrics: { ...timing, ...lang, pace: lang.pace },
    notes: [TRANSCRIPT_TIMING_NOTE, ...(input.importNotes ?? [])],
    participants: participantsFromUtterances(input.utterances),
    utterances: [...input.utterances],
    timingSource: 'transcript',
  };
}
