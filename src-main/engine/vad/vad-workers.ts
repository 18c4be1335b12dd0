// The VAD of a call, one worker thread per stream (vad-worker.ts), behind the
// same VadRunner interface as the in-thread GatedVad. The pipeline sends a
// block and goes on with the previous one while the threads run the model.
// If a thread dies, every waiting block fails with a CandorError.
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { CandorError, deserializeError } from '../../contract/errors';
import { resolveModel } from '../models/resolve';
import { spawnWorker, workerModuleUrl } from '../runtime/spawn-worker';
import { GatedVad } from './gated-vad';
import { VAD_FRAME } from './silero-vad';
import type { VadRunner, VadStats } from './vad-runner';
import type { FromVadWorker, ToVadWorker } from './vad-worker';

interface Pending {
  resolve: (m: { probs: Float32Array; frames: number; skipped: number }) => void;
  reject: (e: unknown) => void;
}

class StreamThread {
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private dead: CandorError | null = null;
  frames = 0;
  skipped = 0;

  constructor(private readonly worker: Worker, readonly ready: Promise<void>) {}

  static start(modelPath: string, gate: boolean): StreamThread {
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
    thread = new StreamThread(worker, ready);
    worker.postMessage({ type: 'init', modelPath, gate } satisfies ToVadWorker);
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

  async run(samples: Float32Array, n: number): Promise<Float32Array> {
    if (this.dead) throw this.dead;
    const id = this.nextId++;
    const done = new Promise<{ probs: Float32Array; frames: number; skipped: number }>((resolve, reject) => this.pending.set(id, { resolve, reject }));
    this.worker.postMessage({ type: 'run', id, samples, n } satisfies ToVadWorker, [samples.buffer as ArrayBuffer]);
    const r = await done;
    this.frames = r.frames;
    this.skipped = r.skipped;
    return r.probs;
  }

  async close(): Promise<void> {
    this.dead ??= new CandorError('INTERNAL', 'the voice detection thread is closed');
    await this.worker.terminate();
  }
}

export class VadWorkers implements VadRunner {
  private constructor(private readonly threads: StreamThread[]) {}

  get streams(): number {
    return this.threads.length;
  }

  static async create(streams: number, opts: { modelPath?: string; gate?: boolean } = {}): Promise<VadWorkers> {
    const path = opts.modelPath ?? (await resolveModel('silero-vad-v6'));
    const threads = Array.from({ length: streams }, () => StreamThread.start(path, opts.gate ?? true));
    try {
      await Promise.all(threads.map((t) => t.ready));
    } catch (err) {
      await Promise.all(threads.map((t) => t.close()));
      throw err;
    }
    return new VadWorkers(threads);
  }

  async run(block: readonly Float32Array[], n: number): Promise<Float32Array> {
    // each thread gets its own copy: the buffer is moved to the thread, not shared
    const parts = await Promise.all(this.threads.map((t, s) => t.run(block[s].slice(0, n * VAD_FRAME), n)));
    const S = this.threads.length;
    const out = new Float32Array(n * S);
    for (let s = 0; s < S; s++) for (let f = 0; f < n; f++) out[f * S + s] = parts[s][f];
    return out;
  }

  stats(): VadStats {
    return { frames: this.threads.map((t) => t.frames), skipped: this.threads.map((t) => t.skipped) };
  }

  async close(): Promise<void> {
    await Promise.all(this.threads.map((t) => t.close()));
  }
}

export interface CreateVadOptions {
  modelPath?: string;
  /** 'auto': a thread per stream when there are two streams and two cores; 'here': this thread. */
  threads?: 'auto' | 'here';
  gate?: boolean;
}

/** The VAD for a call: off-thread for file analysis on a multi-core machine, in-thread otherwise. */
export async function createVad(streams: number, opts: CreateVadOptions = {}): Promise<VadRunner> {
  const offThread = (opts.threads ?? 'here') === 'auto' && streams >= 2 && availableParallelism() >= 2;
  return offThread ? VadWorkers.create(streams, opts) : GatedVad.create(streams, opts);
}
