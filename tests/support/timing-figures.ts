// The timing figures of issue 12, computed the same way by the bench and the
// tests: boundary errors and patience on the synthetic calls, frame-level
// scores on the real meetings, for Candor and for plain Silero side by side.
import { join } from 'node:path';
import type { Segments } from '../../src-main/contract/report';
import { readMono16k } from '../../src-main/engine/audio/read-whole';
import { computeTimingMetrics } from '../../src-main/engine/metrics/timing-metrics';
import { edgeErrors, mergeErrors, summarise, type EdgeErrors, type ErrorSummary } from './boundary-errors';
import { candorSegments, plainSileroSegments } from './detectors';
import { frameCounts, pool, readRttm, readUem, scores, type FrameCounts, type FrameScores } from './frame-scores';
import type { NamedCall } from './timing-calls';
import { SHARED_DATA } from './tmp';

export const DETECTORS = { candor: candorSegments, plainSilero: plainSileroSegments } as const;
export type DetectorName = keyof typeof DETECTORS;

export const MEETINGS_DIR = join(SHARED_DATA, 'meetings');
export const MEETING_FILES = ['dev00', 'dev01', 'tst00', 'tst01'].map((id) => join(MEETINGS_DIR, `${id}.wav`));
export const MEETING_REFS = ['development', 'test'].flatMap((s) => ['rttm', 'uem'].map((x) => join(MEETINGS_DIR, `debug.${s}.${x}`)));

export interface CallResult {
  name: string;
  errors: EdgeErrors;
  patience: { mean: number | null; median: number | null; count: number };
  truthPatience: { mean: number | null; median: number | null; count: number };
}

export interface DetectorRun {
  calls: CallResult[];
  /** Seconds of audio, and the wall and CPU time (this process) spent detecting it. */
  audioSec: number;
  wallSec: number;
  cpuSec: number;
}

export async function runCalls(calls: readonly NamedCall[], detector: DetectorName): Promise<DetectorRun> {
  const out: DetectorRun = { calls: [], audioSec: 0, wallSec: 0, cpuSec: 0 };
  for (const { name, call } of calls) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const got: Segments = await DETECTORS[detector](call.channels);
    const c = process.cpuUsage(c0);
    out.cpuSec += (c.user + c.system) / 1e6;
    out.wallSec += (performance.now() - t0) / 1000;
    out.audioSec += call.durationSec;
    out.calls.push({
      name,
      errors: edgeErrors(got, call.truth),
      patience: computeTimingMetrics(got, call.durationSec).patienceSec,
      truthPatience: computeTimingMetrics(call.truth, call.durationSec).patienceSec,
    });
  }
  return out;
}

export interface BoundaryFigures {
  onset: ErrorSummary;
  offset: ErrorSummary;
  missed: number;
  extra: number;
}

export function boundaryFigures(results: readonly CallResult[]): BoundaryFigures {
  const m = mergeErrors(results.map((r) => r.errors));
  return { onset: summarise(m.onset), offset: summarise(m.offset), missed: m.missed, extra: m.extra };
}

export interface PatienceFigures {
  calls: number;
  /** Over calls with hand-overs in the truth and in the detection: |detected - true| of the call's patience. */
  meanAbsErrorOfMeanSec: number;
  maxAbsErrorOfMeanSec: number;
  meanAbsErrorOfMedianSec: number;
  maxAbsErrorOfMedianSec: number;
  /** Calls whose hand-over count differs from the truth's. */
  countMismatches: number;
  /** Calls with hand-overs in the truth where the detector found none (left out of the errors above). */
  noPatience: number;
}

export function patienceFigures(results: readonly CallResult[]): PatienceFigures {
  const withTruth = results.filter((r) => r.truthPatience.mean !== null && r.patience.mean !== null);
  const err = (r: CallResult, k: 'mean' | 'median'): number => Math.round(Math.abs(r.patience[k]! - r.truthPatience[k]!) * 1000) / 1000;
  const means = withTruth.map((r) => err(r, 'mean'));
  const medians = withTruth.map((r) => err(r, 'median'));
  const avg = (xs: number[]): number => Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 1000) / 1000;
  return {
    calls: withTruth.length,
    meanAbsErrorOfMeanSec: avg(means),
    maxAbsErrorOfMeanSec: Math.max(...means),
    meanAbsErrorOfMedianSec: avg(medians),
    maxAbsErrorOfMedianSec: Math.max(...medians),
    countMismatches: results.filter((r) => r.patience.count !== r.truthPatience.count).length,
    noPatience: results.filter((r) => r.truthPatience.mean !== null && r.patience.mean === null).length,
  };
}

export interface MeetingFigures {
  perExcerpt: Record<string, FrameScores>;
  pooled: FrameScores;
}

/** Frame-level scores on the four AMI excerpts, each analysed as one side (mono, several speakers). */
export async function meetingFigures(detector: DetectorName): Promise<MeetingFigures> {
  const refs = new Map([...readRttm(MEETING_REFS[0]), ...readRttm(MEETING_REFS[2])]);
  const uems = new Map([...readUem(MEETING_REFS[1]), ...readUem(MEETING_REFS[3])]);
  const counts: FrameCounts[] = [];
  const perExcerpt: Record<string, FrameScores> = {};
  for (const file of MEETING_FILES) {
    const id = file.slice(file.lastIndexOf('/') + 1, -4);
    const x = await readMono16k(file);
    const got = await DETECTORS[detector]([x], ['them']);
    const c = frameCounts(got.them, refs.get(id) ?? [], uems.get(id)!);
    counts.push(c);
    perExcerpt[id] = round3(scores(c));
  }
  return { perExcerpt, pooled: round3(scores(pool(counts))) };
}

function round3(s: FrameScores): FrameScores {
  const r = (x: number): number => Math.round(x * 1000) / 1000;
  return { ...s, precision: r(s.precision), recall: r(s.recall), f1: r(s.f1) };
}
