// A call that was still recording when its process died (crash, kill -9,
// power loss) is rebuilt from what the last checkpoint committed: its
// segments up to that point, metrics finalised, marked as recovered.
import { existsSync } from 'node:fs';
import type { AnalysisReport, Segments, Span } from '../../contract/report';
import { fixWavSizes } from '../audio/wav-stream-writer';
import { participantsFromSegments } from '../metrics/participants';
import { round } from '../metrics/spans';
import { computeTimingMetrics } from '../metrics/timing-metrics';
import type { CallStore, SegmentRecord } from './calls-store';

export function reportFromSegments(file: string, records: SegmentRecord[], durationSec: number): AnalysisReport {
  const segments: Segments = { me: [], them: [] };
  let syllablesMe = 0;
  for (const r of [...records].sort((a, b) => a.start - b.start)) {
    segments[r.side].push([round(r.start, 2), round(r.end, 2)] as Span);
    if (r.side === 'me') syllablesMe += r.syllables;
  }
  return { file, durationSec: round(durationSec, 2), segments, metrics: computeTimingMetrics(segments, durationSec, { syllablesMe }),
    participants: participantsFromSegments(segments) };
}

/** Finalises every interrupted call; returns their ids. */
export function recoverInterruptedCalls(store: CallStore): number[] {
  const ids: number[] = [];
  for (const { id, checkpointSec } of store.interruptedCalls()) {
    const records = store
      .segmentRecords(id)
      .map((s) => ({ ...s, end: Math.min(s.end, checkpointSec) }))
      .filter((s) => s.end > s.start);
    const report = reportFromSegments('live call', records, checkpointSec);
    report.notes = [`recovered after an interruption: the call was rebuilt from the audio analysed up to ${checkpointSec.toFixed(1)} s`];
    store.finish(id, report, records, 'recovered');
    const audio = store.get(id).audioFile;
    if (audio && existsSync(audio)) fixWavSizes(audio); // the recorder died before it could

    ids.push(id);
  }
  return ids;
}
