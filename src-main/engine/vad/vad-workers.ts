// The VAD of a call, one worker thread per stream (vad-worker.ts), behind the
// same VadRunner interface as the in-thread GatedVad. The pipeline sends a
// block and goes on with the previous one while the threads run the model.
// If a thread dies, every waiting block fails with a CandorError.
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { CandorError, deserializeError } from '../../contract/errors';
import { resolveModel } from '../models/resolve';
import { spawnWorker, workerModuleUrl } from '../runtime/spawn-worker';
import { VAD_FRAME } from './frames';
import type { VadRunner, VadStats } from './vad-runner';
import type { FromVadWorker, ToVadWorker } from './vad-worker';

/** How long a closing thread may take to finish its last block. */
const CLOSE_WAIT_MS = 5000;

interface Answer {
  probs: Float32Array;
  frames: number[];
  skipped: number[];
}

interface Pending {
  resolve: (m: Answer) => void;
  reject: (e: unknown) => void;
}

class StreamThread {
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private dead: CandorError | null = null;
  frames: number[];
  skipped: number[];

  constructor(private readonly worker: Worker, readonly ready: Promise<void>, readonly streams: number) {
    this.frames = new Array<number>(streams).fill(0);
    this.skipped = new Array<number>(streams).fill(0);
  }

  static start(modelPath: string, gate: boolean, streams: number): StreamThread {
    const worker = spawnWorker(workerModuleUrl('vad-worker', import.meta.url));
    let thread: StreamThread;
    const ready = new Promise<void>((resolve, reject) => {
      worker.on('message', (m: FromVadWorker) => {
        if (m.type === 'ready') resolve();
        else if (m.type === 'error' && m.id === null) reject(deserializeError(m.error));
        else thread.answer(m);
      });
      worker.on('error', (err) => reject(thread.die(`it failed: ${err.message}`)));
      worker.on('exit', (code) => reject(thread.die(`it exited (code ${code})`)));
    });
    thread = new StreamThread(worker, ready, streams);
    worker.postMessage({ type: 'init', modelPath, gate, streams } satisfies ToVadWorker);
    return thread;
  }

  private answer(m: FromVadWorker): void {
    if (m.type === 'ready' || m.id === null) return;
    const p = this.pending.get(m.id);
    if (!p) return;
    this.pending.delete(m.id);
    if (m.type === 'error') p.reject(deserializeError(m.error, 'voice detection'));
    else p.resolve(m);
  }

  die(why: string): CandorError {
    this.dead ??= new CandorError('INTERNAL', `the voice detection thread stopped: ${why}`);
    for (const p of this.pending.values()) p.reject(this.dead);
    this.pending.clear();
    return this.dead;
  }

  /** One block of this thread's streams; resolves to their probabilities, frame-major. */
  async run(samples: Float32Array[], n: number): Promise<Float32Array> {
    if (this.dead) throw this.dead;
    const id = this.nextId++;
    const done = new Promise<Answer>((resolve, reject) => this.pending.set(id, { resolve, reject }));
    this.worker.postMessage({ type: 'run', id, samples, n } satisfies ToVadWorker, samples.map((x) => x.buffer as ArrayBuffer));
    const r = await done;
    this.frames = r.frames;
    this.skipped = r.skipped;
    return r.probs;
  }

  /**
   * Ends the thread once the blocks already sent are done: never in the
   * middle of a model call (terminating a thread inside onnxruntime's run
   * aborts the process). A thread that does not end within CLOSE_WAIT_MS is
   * stopped anyway.
   */
  async close(): Promise<void> {
    this.dead ??= new CandorError('INTERNAL', 'the voice detection thread is closed');
    if (this.worker.threadId < 0) return;
    const ended = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
    this.worker.postMessage({ type: 'close' } satisfies ToVadWorker);
    const timer = setTimeout(() => void this.worker.terminate(), CLOSE_WAIT_MS);
    await ended;
    clearTimeout(timer);
  }
}

export class VadWorkers implements VadRunner {
  private constructor(private readonly threads: StreamThread[], readonly streams: number) {}

  /** `threads` threads (at most one per stream) share the streams in order. */
  static async create(streams: number, opts: { modelPath?: string; gate?: boolean; threads?: number } = {}): Promise<VadWorkers> {
    const path = opts.modelPath ?? (await resolveModel('silero-vad-v6'));
    const count = Math.max(1, Math.min(streams, opts.threads ?? streams));
    const sizes = Array.from({ length: count }, (_, t) => Math.floor(streams / count) + (t < streams % count ? 1 : 0));
    const threads = sizes.map((size) => StreamThread.start(path, opts.gate ?? true, size));
    try {
      await Promise.all(threads.map((t) => t.ready));
    } catch (err) {
      await Promise.all(threads.map((t) => t.close()));
      throw err;
    }
    return new VadWorkers(threads, streams);
  }

  async run(block: readonly Float32Array[], n: number): Promise<Float32Array> {
    // each thread gets its own copies: the buffers are moved to the thread, not shared
    let first = 0;
    const jobs = this.threads.map((t) => {
      const own = block.slice(first, first + t.streams).map((x) => x.slice(0, n * VAD_FRAME));
      first += t.streams;
      return t.run(own, n);
    });
    const parts = await Promise.all(jobs);
    const S = this.streams;
    const out = new Float32Array(n * S);
    let s0 = 0;
    for (const [i, t] of this.threads.entries()) {
      for (let f = 0; f < n; f++) for (let k = 0; k < t.streams; k++) out[f * S + s0 + k] = parts[i][f * t.streams + k];
      s0 += t.streams;
    }
    return out;
  }

  stats(): VadStats {
    return { frames: this.threads.flatMap((t) => t.frames), skipped: this.threads.flatMap((t) => t.skipped) };
  }

  async close(): Promise<void> {
    await Promise.all(this.threads.map((t) => t.close()));
  }
}

export interface CreateVadOptions {
  modelPath?: string;
  gate?: boolean;
  /**
   * Threads for the model: 0 runs it in this thread. 'auto' (file analysis):
   * CANDOR_VAD_THREADS when set, else DEFAULT_VAD_THREADS on a machine with
   * two cores or more and 0 on one core.
   */
  threads?: number | 'auto';
}

/** One thread for the model beside the pipeline's: two cores busy, one model session in memory. */
export const DEFAULT_VAD_THREADS = 1;

function autoThreads(streams: number): number {
  const env = process.env.CANDOR_VAD_THREADS;
  if (env !== undefined && env !== '') {
    const n = Number(env);
    if (!Number.isInteger(n) || n < 0 || n > 8) {
      throw new CandorError('BAD_ARGUMENT', `CANDOR_VAD_THREADS must be a whole number from 0 to 8, not "${env}"`,
        'Unset it, or set 0 (the model runs in the analysis thread), 1 or 2.');
    }
    return Math.min(n, streams);
  }
  return availableParallelism() >= 2 ? Math.min(DEFAULT_VAD_THREADS, streams) : 0;
}

/** The VAD for a call: in this thread, or in `threads` threads beside it. */
export async function createVad(streams: number, opts: CreateVadOptions = {}): Promise<VadRunner> {
  const threads = opts.threads === 'auto' ? autoThreads(streams) : opts.threads ?? 0;
  if (threads > 0) return VadWorkers.create(streams, { ...opts, threads });
  const { GatedVad } = await import('./gated-vad');
  return GatedVad.create(streams, opts);
}
