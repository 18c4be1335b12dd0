// Timing bench (JSON), issue 12: how close segment edges, patience and
// frame-level speech detection come to the truth, for Candor and, in the
// same run, for plain Silero v6 with its stock hysteresis.
//  1. Boundary errors (median and p95 of |onset| and |offset| error, ms) on
//     synthetic two-channel calls with known truth: espeak-ng voices and
//     LibriVox read speech, clean, noisy, with bleed. Targets (Candor):
//     median <= 50 ms, p95 <= 120 ms.
//  2. Patience error on the same calls: target within 0.1 s, mean and median.
//  3. Frame-level precision / recall / F1 against the human RTTMs of the AMI
//     excerpts in ../shared/data/meetings. Targets (Candor): pooled F1 >= 0.93,
//     every excerpt >= 0.6, precision >= 0.95.
//  4. Real-time factor of the detection in process: wall / audio seconds, and
//     CPU / audio seconds (steadier on a shared machine).
import { fileURLToPath } from 'node:url';
import { espeakCalls, librivoxCalls, loudBleedCall, type NamedCall } from '../tests/support/timing-calls';
import { boundaryFigures, meetingFigures, patienceFigures, runCalls, type DetectorName } from '../tests/support/timing-figures';

const TARGETS = { medianMs: 50, p95Ms: 120, patienceSec: 0.1, pooledF1: 0.93, excerptF1: 0.6, precision: 0.95 };

export async function runTimingBench(): Promise<object> {
  const calls: NamedCall[] = [...espeakCalls(), ...librivoxCalls(), { name: 'loud bleed, double talk', call: loudBleedCall() }];
  const out: Record<string, unknown> = { calls: calls.length, targets: TARGETS };
  for (const name of ['candor', 'plainSilero'] as DetectorName[]) {
    const run = await runCalls(calls, name);
    const b = boundaryFigures(run.calls);
    const p = patienceFigures(run.calls);
    const m = await meetingFigures(name);
    out[name] = {
      boundaries: {
        all: b,
        espeak: boundaryFigures(run.calls.filter((c) => c.name.startsWith('espeak'))),
        librivox: boundaryFigures(run.calls.filter((c) => c.name.startsWith('librivox'))),
        loudBleed: boundaryFigures(run.calls.filter((c) => c.name.startsWith('loud'))),
      },
      patience: p,
      meetings: m,
      realTimeFactor: Math.round((run.wallSec / run.audioSec) * 10000) / 10000,
      cpuRealTimeFactor: Math.round((run.cpuSec / run.audioSec) * 10000) / 10000,
      met: {
        boundaries: Math.max(b.onset.medianAbsMs, b.offset.medianAbsMs) <= TARGETS.medianMs && Math.max(b.onset.p95AbsMs, b.offset.p95AbsMs) <= TARGETS.p95Ms,
        patience: p.noPatience === 0 && p.maxAbsErrorOfMeanSec <= TARGETS.patienceSec && p.maxAbsErrorOfMedianSec <= TARGETS.patienceSec,
        meetings: m.pooled.f1 >= TARGETS.pooledF1 && m.pooled.precision >= TARGETS.precision && Object.values(m.perExcerpt).every((s) => s.f1 >= TARGETS.excerptF1),
      },
    };
  }
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  runTimingBench().then((r) => console.log(JSON.stringify(r, null, 2)));
}
