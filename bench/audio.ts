// Audio bench (JSON). Ratios are against baselines measured in the same run.
//  1. Offline: `candor analyze` of a 1 h two-channel call, end to end as a
//     user runs it (process start-up included): real-time factor and peak
//     RSS. Targets: <= 60 s, <= 250 MB.
//  2. The VAD stage on the same audio against @ricky0123/vad-node (the
//     well-known Node wrapper of Silero VAD): speed ratio (target >= 1.5x)
//     and frame-level agreement of speech / no speech.
//  3. Live: `candor record` for 60 s through PulseAudio while a call plays:
//     CPU % of one core and peak RSS. Targets: <= 5 %, <= 250 MB.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NonRealTimeVAD } from '@ricky0123/vad-node';
import { readSides } from '../src-main/engine/audio/read-whole';
import { Segmenter } from '../src-main/engine/segments/segmenter';
import { VAD_FRAME, VAD_FRAME_SEC } from '../src-main/engine/vad/frames';
import { Hysteresis } from '../src-main/engine/vad/hysteresis';
import { SileroVad } from '../src-main/engine/vad/silero-vad';
import { buildBenchCall } from './call-fixture';
import { measure } from './process-stats';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(ROOT, 'src-main/cli/candor.ts');
const TARGETS = { offlineSec: 60, peakRssMb: 250, vadSpeedup: 1.5, liveCorePercent: 5 };

async function loadSides(file: string): Promise<{ me: Float32Array; them: Float32Array }> {
  const sides = await readSides({ file });
  return { me: sides.me!, them: sides.them! };
}

/** Our VAD stage: both channels in one batch, hysteresis, segmenter. Returns per-frame speech flags. */
async function ourVad(sides: { me: Float32Array; them: Float32Array }): Promise<{ sec: number; flags: Uint8Array[] }> {
  const vad = await SileroVad.create(2);
  const n = Math.floor(sides.me.length / VAD_FRAME);
  const flags = [new Uint8Array(n), new Uint8Array(n)];
  const hyst = [new Hysteresis(), new Hysteresis()];
  const segs = [new Segmenter('me'), new Segmenter('them')];
  const t0 = performance.now();
  for (let f = 0; f < n; f++) {
    const frames = [sides.me.subarray(f * VAD_FRAME, (f + 1) * VAD_FRAME), sides.them.subarray(f * VAD_FRAME, (f + 1) * VAD_FRAME)];
    const p = await vad.process(frames);
    for (let s = 0; s < 2; s++) segs[s].push(f * VAD_FRAME_SEC, (f + 1) * VAD_FRAME_SEC, hyst[s].step(p[s]));
  }
  segs.forEach((s) => s.finish());
  const sec = (performance.now() - t0) / 1000;
  segs.forEach((s, i) => {
    for (const [a, b] of s.spans()) flags[i].fill(1, Math.round(a / VAD_FRAME_SEC), Math.round(b / VAD_FRAME_SEC));
  });
  return { sec, flags };
}

async function baselineVad(sides: { me: Float32Array; them: Float32Array }, n: number): Promise<{ sec: number; flags: Uint8Array[] }> {
  // vad-node logs to stdout (console.debug); the bench's stdout is JSON only
  const debug = console.debug;
  console.debug = (...a: unknown[]) => console.error(...a);
  const vad = await NonRealTimeVAD.new().finally(() => (console.debug = debug));
  const flags = [new Uint8Array(n), new Uint8Array(n)];
  const t0 = performance.now();
  for (const [i, x] of [sides.me, sides.them].entries()) {
    for await (const { start, end } of vad.run(x, 16000)) {
      flags[i].fill(1, Math.round(start / 1000 / VAD_FRAME_SEC), Math.round(end / 1000 / VAD_FRAME_SEC));
    }
  }
  return { sec: (performance.now() - t0) / 1000, flags };
}

function agreement(a: Uint8Array[], b: Uint8Array[]): number {
  let same = 0;
  let total = 0;
  for (let s = 0; s < a.length; s++) {
    for (let i = 0; i < a[s].length; i++) {
      same += a[s][i] === b[s][i] ? 1 : 0;
      total++;
    }
  }
  return Math.round((same / total) * 1000) / 1000;
}

async function offline(file: string, seconds: number): Promise<object> {
  const r = await measure(process.execPath, ['--import', 'tsx', CLI, 'analyze', file, '--json'], { cwd: ROOT });
  if (r.code !== 0) throw new Error(`analyze failed: ${r.stderr}`);
  const report = JSON.parse(r.stdout);
  return {
    audioSec: seconds,
    wallSec: Math.round(r.wallSec * 10) / 10,
    realTimeFactor: Math.round((r.wallSec / seconds) * 10000) / 10000,
    speedVsRealTime: Math.round(seconds / r.wallSec),
    peakRssMb: r.peakRssMb,
    cpuSec: r.cpuSec,
    talkShare: report.metrics.talkShare,
    targets: { wallSec: TARGETS.offlineSec, peakRssMb: TARGETS.peakRssMb },
    met: r.wallSec <= TARGETS.offlineSec && r.peakRssMb <= TARGETS.peakRssMb,
  };
}

/** vad-node runs at ~4x real time here, so the comparison uses the call's first minutes. */
const VAD_COMPARE_SEC = 300;

async function vadComparison(file: string): Promise<object> {
  const all = await loadSides(file);
  const n = Math.min(all.me.length, VAD_COMPARE_SEC * 16000);
  const sides = { me: all.me.subarray(0, n), them: all.them.subarray(0, n) };
  const ours = await ourVad(sides);
  const base = await baselineVad(sides, ours.flags[0].length);
  const speedup = base.sec / ours.sec;
  return {
    audioSec: Math.round(sides.me.length / 16000),
    channels: 2,
    oursSec: Math.round(ours.sec * 10) / 10,
    baseline: '@ricky0123/vad-node NonRealTimeVAD (defaults)',
    baselineSec: Math.round(base.sec * 10) / 10,
    speedup: Math.round(speedup * 100) / 100,
    frameAgreement: agreement(ours.flags, base.flags),
    target: { speedup: TARGETS.vadSpeedup },
    met: speedup >= TARGETS.vadSpeedup,
  };
}

async function live(file: string): Promise<object> {
  const setup = spawn('bash', [join(ROOT, 'scripts/pulse-setup.sh')], { stdio: 'ignore' });
  const ok = await new Promise<boolean>((r) => setup.on('close', (c) => r(c === 0)));
  if (!ok) return { skipped: 'no PulseAudio daemon could be started' };
  // the call plays on both virtual devices: channel 0 into the mic, 1 into the call's sink
  // each player in its own process group, so that sox and paplay both stop with it
  const players = [1, 2].map((ch) =>
    spawn('bash', ['-c', `sox "${file}" -t wav - remix ${ch} 2>/dev/null | paplay --device=${ch === 1 ? 'candor_mic' : 'candor_them'}`], { stdio: 'ignore', detached: true }));
  const dir = join(tmpdir(), 'candor-bench');
  const r = await measure(process.execPath, ['--import', 'tsx', CLI, 'record', '--duration', '60', '--mic', 'candor_mic.monitor', '--monitor', 'candor_them.monitor'],
    { cwd: ROOT, env: { ...process.env, CANDOR_DB: join(dir, `live-${process.pid}.db`) } });
  for (const p of players) {
    try {
      process.kill(-p.pid!, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  // steady state: from 10 s in (start-up, model load done) to the last reading
  const from = r.timeline.find(([t]) => t >= 10) ?? r.timeline[0];
  const to = r.timeline[r.timeline.length - 1];
  const steady = ((to[1] - from[1]) / (to[0] - from[0])) * 100;
  const percent = (r.cpuSec / r.wallSec) * 100;
  return {
    recordedSec: 60,
    wallSec: Math.round(r.wallSec * 10) / 10,
    cpuSec: r.cpuSec,
    corePercentSteady: Math.round(steady * 10) / 10,
    corePercentWithStartup: Math.round(percent * 10) / 10,
    recorderChildrenCpuSec: r.childCpuSec,
    note: 'steady = CPU from 10 s into the call to its end; with start-up = whole process life, including tsx, model load and the final report; parec children counted separately',
    peakRssMb: r.peakRssMb,
    targets: { corePercent: TARGETS.liveCorePercent, peakRssMb: TARGETS.peakRssMb },
    met: steady <= TARGETS.liveCorePercent && r.peakRssMb <= TARGETS.peakRssMb,
  };
}

export async function runAudioBench(opts: { seconds?: number; live?: boolean } = {}): Promise<object> {
  const seconds = opts.seconds ?? 3600;
  const dir = join(tmpdir(), 'candor-bench');
  mkdirSync(dir, { recursive: true });
  const file = await buildBenchCall(join(dir, `call-${seconds}s.wav`), seconds);
  return {
    offline: await offline(file, seconds),
    vad: await vadComparison(file),
    live: opts.live === false ? { skipped: 'disabled' } : await live(file),
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const seconds = Number(process.env.CANDOR_BENCH_SECONDS ?? 3600);
  runAudioBench({ seconds }).then((r) => console.log(JSON.stringify(r, null, 2)));
}
