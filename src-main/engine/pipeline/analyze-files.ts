// The one analysis of recorded files, for `candor analyze` and for "Add a
// call…" in the app: audio alone (timing, and words from on-device speech
// recognition when its model is installed), a transcript alone (timing from
// its cue times), or both (the audio supplies timing, the transcript the
// words). The caller stores the result.
import type { Utterance } from '../../contract/calls';
import { CandorError } from '../../contract/errors';
import type { AnalysisReport } from '../../contract/report';
import type { CallAudioSpec } from '../audio/call-audio';
import { analyzeCallWithWords } from '../asr/analyze-with-words';
import { analyzeTranscript } from '../language/analyze-transcript';
import type { SegmentRecord } from '../store/calls-store';
import { assignSides, namesSpeakers, readTranscript, type ImportedTranscript } from '../transcript/import';
import { analyzeCall, type AnalyzeOptions } from './analyze-call';
import { throwIfCancelled } from './cancel';

export interface FilesSpec {
  audio?: CallAudioSpec;
  transcript?: string;
  /** The transcript's speaker who is me. */
  me?: string;
}

export interface FilesOptions extends Pick<AnalyzeOptions, 'allowTruncated' | 'bleed' | 'onProgress' | 'signal'> {
  /** Called once the transcript has been read and split into sides (before the slow audio analysis). */
  onTranscriptRead?: () => void;
  /**
   * A mono recording (everyone mixed, as Zoom's .m4a) beside a transcript
   * that names its speakers: 'fail' (the CLI: pass --side) or take the
   * timing from the transcript's cue times, with a note saying so (the app,
   * where a mixed recording has no side to give).
   */
  monoWithNames?: 'fail' | 'transcript-timing';
}

export const MONO_MIX_NOTE = 'The recording is mono (everyone mixed in one channel), so it cannot tell the sides apart: timing comes from the transcript\'s cue times.';

export interface FilesAnalysis {
  report: AnalysisReport;
  segments: SegmentRecord[];
  utterances: Utterance[];
}

/** Segments for a call whose only timing is the transcript's cue times. */
export function transcriptSegments(report: AnalysisReport): SegmentRecord[] {
  return (['me', 'them'] as const).flatMap((side) => report.segments[side].map(([start, end]): SegmentRecord => ({ side, start, end, syllables: 0 })));
}

export async function analyzeFiles(spec: FilesSpec, opts: FilesOptions = {}): Promise<FilesAnalysis> {
  const audioOpts = { allowTruncated: opts.allowTruncated, bleed: opts.bleed, onProgress: opts.onProgress, signal: opts.signal };
  if (spec.transcript === undefined) {
    if (!spec.audio) throw new TypeError('analyzeFiles needs audio, a transcript, or both');
    return analyzeCallWithWords(spec.audio, audioOpts);
  }
  const transcript = spec.transcript;
  const parsed = readTranscript(transcript);
  // Sides by name are settled before the (slow) audio analysis, so a wrong
  // "me" fails at once; a transcript without names needs the audio's sides.
  const byName = spec.audio && !namesSpeakers(parsed) ? null : assignSides(parsed, { me: spec.me });
  opts.onTranscriptRead?.();
  throwIfCancelled(opts.signal);
  if (!spec.audio) {
    const imported = byName!;
    const report = analyzeTranscript({ file: transcript, utterances: imported.utterances, importNotes: imported.notes });
    return { report, segments: transcriptSegments(report), utterances: imported.utterances };
  }
  let r;
  try {
    r = await analyzeCall(spec.audio, audioOpts);
  } catch (err) {
    const mono = err instanceof CandorError && err.code === 'AUDIO_CHANNELS' && / is mono,/.test(err.message);
    if (!(mono && byName && opts.monoWithNames === 'transcript-timing')) throw err;
    const report = analyzeTranscript({ file: transcript, utterances: byName.utterances, importNotes: [...byName.notes, MONO_MIX_NOTE] });
    return { report, segments: transcriptSegments(report), utterances: byName.utterances };
  }
  // With the audio, cues without a speaker name take their side from it.
  const imported: ImportedTranscript = assignSides(parsed, { me: spec.me, audio: r.report.segments });
  const report = analyzeTranscript({
    file: r.report.file, utterances: imported.utterances, audio: r.report, wordsFrom: `the transcript ${transcript}`, importNotes: imported.notes,
  });
  return { report, segments: r.segments, utterances: imported.utterances };
}
