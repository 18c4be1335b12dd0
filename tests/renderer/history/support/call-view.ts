// A CallView as the engine service builds it (engine-service getCall), from
// the real engine output for a transcript fixture: analyzeTranscript for the
// report, callMarks and transcriptMarks for the marks.
import { join } from 'node:path';
import type { CallView } from '../../../../src-main/contract/engine-api';
import { analyzeTranscript } from '../../../../src-main/engine/language/analyze-transcript';
import { callMarks } from '../../../../src-main/engine/service/timeline-marks';
import { transcriptMarks } from '../../../../src-main/engine/service/transcript-marks';
import { loadTranscript } from '../../../../src-main/engine/transcript/import';
import { ROOT } from '../../../support/cli';

/** Three named speakers over 6.5 minutes: fillers, questions, engaging questions, moments and next steps. */
export const REVIEW_CALL = join(ROOT, 'tests/renderer/history/fixtures/review-call.vtt');
export const REVIEW_ME = 'Ana Lopez';
export const ZOOM_CALL = join(ROOT, 'tests/engine/transcript/fixtures/zoom.vtt');

export function callViewOf(file: string, me: string): CallView {
  const { utterances } = loadTranscript(file, { me });
  const report = analyzeTranscript({ file, utterances });
  const m = report.metrics;
  return {
    id: 1, title: 't', startedAt: '2026-01-01T00:00:00.000Z', durationSec: report.durationSec, source: 'file', status: 'complete',
    recovered: false, talkShare: m.talkShare, paceWpm: m.pace.wpm, longestMonologueSec: m.longestMonologueSec.me,
    patienceMeanSec: m.patienceSec.mean, questionsMe: m.questions?.me ?? null, sparkline: [], file, audioFile: null, notes: '',
    endedAt: null, segments: report.segments, report, utterances, vision: [], participants: report.participants ?? [],
    marks: callMarks(report.segments), lineMarks: transcriptMarks(utterances, report),
  };
}
