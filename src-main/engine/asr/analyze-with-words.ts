// File analysis with words: the audio pipeline runs as before and hands
// every closed segment's audio to the transcriber (worker thread); at the
// end the language metrics are added to the report. Without an installed
// ASR model the timing report is returned with a note saying how to get
// language metrics. Never downloads anything.
import type { Utterance } from '../../contract/calls';
import type { CallAudioSpec } from '../audio/call-audio';
import { analyzeTranscript } from '../language/analyze-transcript';
import { LANGUAGE_NEEDS_MODELS_NOTE } from '../language/notes';
import { analyzeCall, type AnalyzeOptions, type AnalyzeResult } from '../pipeline/analyze-call';
import { createTranscriber, type TranscriberOptions } from './transcriber';

/** Audio kept per side for recognition; a longer segment is transcribed from its last this-many seconds. */
export const KEEP_AUDIO_SEC = 120;

export interface WordsOptions extends AnalyzeOptions {
  /** false: timing only, no recognition (and no note). */
  asr?: TranscriberOptions | false;
}

export interface WordsResult extends AnalyzeResult {
  utterances: Utterance[];
}

export async function analyzeCallWithWords(spec: CallAudioSpec, opts: WordsOptions = {}): Promise<WordsResult> {
  if (opts.asr === false) return { ...(await analyzeCall(spec, opts)), utterances: [] };
  let reason = '';
  const transcriber = await createTranscriber({ ...opts.asr, onUnavailable: (r) => (reason = r) });
  if (!transcriber) {
    const r = await analyzeCall(spec, opts);
    r.report.notes = [...(r.report.notes ?? []), LANGUAGE_NEEDS_MODELS_NOTE, ...(reason ? [`(${reason.split('\n')[0]})`] : [])];
    return { ...r, utterances: [] };
  }
  const pending: Promise<Utterance[]>[] = [];
  const failed = { count: 0, message: '' };
  try {
    const r = await analyzeCall(spec, {
      ...opts,
      keepAudioSec: Math.max(opts.keepAudioSec ?? 0, KEEP_AUDIO_SEC),
      onSegment: (ev) => {
        opts.onSegment?.(ev);
        if (ev.audio && ev.audio.samples.length > 0) {
          // One failed segment loses its words, not the analysis.
          pending.push(transcriber.transcribe({ side: ev.segment.side, startSec: ev.audio.start, samples: ev.audio.samples }).catch((err: Error) => {
            failed.count++;
            failed.message = err.message;
            return [];
          }));
        }
      },
    });
    await transcriber.flush();
    const utterances = (await Promise.all(pending)).flat().sort((a, b) => a.start - b.start);
    const report = analyzeTranscript({ file: r.report.file, utterances, audio: r.report, wordsFrom: `on-device speech recognition (${transcriber.model})` });
    if (failed.count) report.notes = [...(report.notes ?? []), `speech recognition failed on ${failed.count} segment(s) (${failed.message}); their words are missing`];
    return { report, segments: r.segments, utterances, vad: r.vad };
  } finally {
    await transcriber.close();
  }
}
