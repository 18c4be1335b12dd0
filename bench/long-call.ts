// A long live call (issue 14): hours of call replayed faster than real time
// through the real pipeline (ReplaySource -> LiveSession -> store worker on a
// SQLite file). Reports RSS at the start (after a minute of call) and the
// end, and the checkpoint commit latency percentiles over the whole call and
// in its first and last quarters; the first quarter is the baseline of the
// ratios. CANDOR_BENCH_LONG_CALL_HOURS (default 4) and _SPEED (the most it may run ahead of real time; default 200: as fast as the analysis goes).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { latencyByQuarter, rssSummary, runLongCall } from '../tests/support/long-call';

export async function runLongCallBench(opts: { hours?: number; speed?: number } = {}): Promise<Record<string, unknown>> {
  const hours = opts.hours ?? Number(process.env.CANDOR_BENCH_LONG_CALL_HOURS ?? 4);
  const speed = opts.speed ?? Number(process.env.CANDOR_BENCH_LONG_CALL_SPEED ?? 200);
  const dir = mkdtempSync(join(tmpdir(), 'candor-long-call-'));
  try {
    const r = await runLongCall({ dir, callSec: hours * 3600, speed });
    const rss = rssSummary(r);
    const lat = latencyByQuarter(r);
    return {
      callSec: Math.round(r.callSec),
      recordedSec: r.durationSec,
      wallSec: Math.round(r.wallSec * 10) / 10,
      speed,
      segments: r.segments,
      errors: r.errors,
      rss: { ...rss, growthRatio: Math.round((rss.endMb / rss.startMb) * 1000) / 1000 },
      checkpointMs: { ...lat, lastVsFirstP50: Math.round((lat.last.p50 / lat.first.p50) * 100) / 100, lastVsFirstP95: Math.round((lat.last.p95 / lat.first.p95) * 100) / 100 },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  void runLongCallBench().then((r) => process.stdout.write(JSON.stringify(r, null, 2) + '\n'));
}
