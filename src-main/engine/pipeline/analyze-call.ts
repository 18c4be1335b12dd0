// Offline analysis: a recording is replayed chunk by chunk through the same
// streaming pipeline that live capture feeds. Memory stays flat with length.
// On two cores or more the VAD runs in its own thread on one block while
// this thread decodes the next and analyses the previous (vad-workers.ts).
import type { AnalysisReport } from '../../contract/report';
import { openCallAudio, type CallAudioSpec } from '../audio/call-audio';
import type { DecodeOptions } from '../audio/decode/types';
import type { SegmentRecord } from '../store/calls-store';
import type { VadStats } from '../vad/vad-runner';
import { createVad } from '../vad/vad-workers';
import { AnalysisPipeline, type ClosedSegmentEvent } from './analysis-pipeline';
import { throwIfCancelled } from './cancel';

export interface AnalyzeOptions extends DecodeOptions {
  bleed?: boolean;
  vadModelPath?: string;
  /** Called about every second of audio processed. */
  onProgress?: (doneSec: number, totalSec: number | null) => void;
  /** Called for each closed segment (used for speech recognition). */
  keepAudioSec?: number;
  onSegment?: (ev: ClosedSegmentEvent) => void;
  /** Aborting it stops the analysis with a CANCELLED error at the next chunk. */
  signal?: AbortSignal;
}

export interface AnalyzeResult {
  report: AnalysisReport;
  segments: SegmentRecord[];
  /** How many frames the VAD saw and skipped as silent, per side. */
  vad: VadStats;
}

/** Frames sent to the VAD at a time (~1 s): large enough that the threads' messages cost nothing. */
export const OFFLINE_BLOCK_FRAMES = 32;

export function describeSpec(spec: CallAudioSpec): string {
  return 'file' in spec ? spec.file : `${spec.me} + ${spec.them}`;
}

export async function analyzeCall(spec: CallAudioSpec, opts: AnalyzeOptions = {}): Promise<AnalyzeResult> {
  const audio = await openCallAudio(spec, opts);
  let vad: Awaited<ReturnType<typeof createVad>> | null = null;
  try {
    vad = await createVad(audio.sides.length, { modelPath: opts.vadModelPath, threads: 'auto' });
    const pipeline = new AnalysisPipeline({ sides: audio.sides, vad, bleed: opts.bleed, keepAudioSec: opts.keepAudioSec });
    if (opts.onSegment) pipeline.on('segment', opts.onSegment);
    let lastProgress = -1;
    // one block analysed here while the next is in the VAD threads
    let previous: Promise<void> = Promise.resolve();
    for await (const chunk of audio.chunks()) {
      throwIfCancelled(opts.signal);
      pipeline.push(chunk.side, chunk.samples);
      if (pipeline.bufferedFrames < OFFLINE_BLOCK_FRAMES) continue;
      const next = pipeline.process();
      await previous;
      previous = next;
      if (opts.onProgress && pipeline.timeSec - lastProgress >= 1) {
        lastProgress = pipeline.timeSec;
        opts.onProgress(pipeline.timeSec, audio.durationSec);
      }
    }
    await previous;
    await pipeline.finish();
    opts.onProgress?.(pipeline.timeSec, audio.durationSec);
    const report = pipeline.report(describeSpec(spec));
    const decodeNotes = audio.notes();
    if (decodeNotes.length) report.notes = [...(report.notes ?? []), ...decodeNotes];
    if (audio.sides.length === 1) {
      report.notes = [...(report.notes ?? []), `mono input analysed as "${audio.sides[0]}"; the other side has no audio`];
    }
    return { report, segments: pipeline.segmentRecords(), vad: vad.stats() };
  } finally {
    await Promise.all([audio.close(), vad?.close()]);
  }
}
