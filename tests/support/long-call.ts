// TEST-ONLY: a long live call through the real pipeline, faster than real
// time: the turn-taking call replayed back to back (ReplaySource with
// `repeat`) into a LiveSession whose store runs in its worker thread on a
// real SQLite file, as `candor record` runs it. Samples the process's RSS as
// the call goes and records every checkpoint's commit time. Used by the
// long-call test (minutes of call) and the bench (4 hours).
import { join } from 'node:path';
import { ReplaySource } from '../../src-main/engine/capture/replay-source';
import { LiveSession, type CheckpointEvent } from '../../src-main/engine/live/live-session';
import { LIVE_BUSY_TIMEOUT_MS } from '../../src-main/engine/service/create-engine';
import { openStoreWorker } from '../../src-main/engine/store/worker/store-client';
import { TURN_TAKING } from './scenarios';
import { buildCall, writeCall } from './synth';

/** How far the replay may run ahead of the analysis, s of call. */
const LEAD_SEC = 30;

export interface LongCallResult {
  callSec: number;
  wallSec: number;
  speed: number;
  /** [call seconds, RSS MB] every `sampleEverySec` of call. */
  rss: [number, number][];
  checkpoints: CheckpointEvent[];
  errors: string[];
  durationSec: number;
  segments: number;
}

export interface LongCallOptions {
  dir: string;
  /** Call length wanted, s (whole repeats of the scenario, rounded up). */
  callSec: number;
  /** The most the replay runs faster than real time; it goes as fast as the analysis allows below that. */
  speed: number;
  /** [call seconds, RSS MB] are taken this often (call time); default 60. */
  sampleEverySec?: number;
  /** Wall ms between checkpoints; default 100 (at 60x, one per 6 s of call: fewer commits than real time makes, each bigger). */
  checkpointMs?: number;
}

export async function runLongCall(o: LongCallOptions): Promise<LongCallResult> {
  const file = join(o.dir, 'turn-taking.wav');
  const call = buildCall(TURN_TAKING);
  writeCall(file, call);
  const pieceSec = call.channels[0].length / 16000;
  const repeat = Math.ceil(o.callSec / pieceSec);
  const store = await openStoreWorker(join(o.dir, 'long-call.db'), { busyTimeoutMs: LIVE_BUSY_TIMEOUT_MS });
  let analysedSec = 0;
  // As fast as the analysis goes, up to `speed`: never more than half a minute of call ahead of it (no backlog to grow).
  const source = new ReplaySource({ file }, o.speed, repeat, { analysedSec: () => analysedSec, maxSec: LEAD_SEC });
  const session = new LiveSession({ store, sources: [source], checkpointMs: o.checkpointMs ?? 100 });
  const checkpoints: CheckpointEvent[] = [];
  const errors: string[] = [];
  const rss: [number, number][] = [];
  const every = o.sampleEverySec ?? 60;
  session.on('checkpoint', (c: CheckpointEvent) => {
    analysedSec = c.atSec;
    checkpoints.push(c);
    if (!rss.length || c.atSec - rss[rss.length - 1][0] >= every) rss.push([c.atSec, process.memoryUsage().rss / 2 ** 20]);
  });
  session.on('error', (e: Error) => errors.push(e.message));
  const ended = new Promise<void>((r) => session.once('source-end', () => r()));
  const t0 = performance.now();
  try {
    await session.start();
    await ended;
    const report = await session.stop();
    rss.push([report.durationSec, process.memoryUsage().rss / 2 ** 20]);
    return { callSec: pieceSec * repeat, wallSec: (performance.now() - t0) / 1000, speed: o.speed, rss, checkpoints, errors,
      durationSec: report.durationSec, segments: report.segments.me.length + report.segments.them.length };
  } finally {
    await store.close();
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] : NaN;
}

export interface LatencySummary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function latency(ms: number[]): LatencySummary {
  const s = [...ms].sort((a, b) => a - b);
  const r = (x: number): number => Math.round(x * 100) / 100;
  return { count: s.length, p50: r(percentile(s, 0.5)), p95: r(percentile(s, 0.95)), p99: r(percentile(s, 0.99)), max: r(s.at(-1) ?? NaN) };
}

export interface RssSummary {
  /** After the first `warmSec` of call (models loaded, buffers at size). */
  startMb: number;
  endMb: number;
  maxMb: number;
  growthPct: number;
}

export function rssSummary(r: LongCallResult, warmSec = 60): RssSummary {
  const warm = r.rss.find(([t]) => t >= warmSec) ?? r.rss[0];
  const end = r.rss[r.rss.length - 1][1];
  const r1 = (x: number): number => Math.round(x * 10) / 10;
  return { startMb: r1(warm[1]), endMb: r1(end), maxMb: r1(Math.max(...r.rss.map(([, m]) => m))), growthPct: r1(((end - warm[1]) / warm[1]) * 100) };
}

/** Checkpoint latency in the first and the last quarter of the call. */
export function latencyByQuarter(r: LongCallResult): { first: LatencySummary; last: LatencySummary; all: LatencySummary } {
  const q = r.durationSec / 4;
  return {
    first: latency(r.checkpoints.filter((c) => c.atSec <= q).map((c) => c.ms)),
    last: latency(r.checkpoints.filter((c) => c.atSec >= 3 * q).map((c) => c.ms)),
    all: latency(r.checkpoints.map((c) => c.ms)),
  };
}
