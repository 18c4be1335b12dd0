// The engine's side of the ASR worker thread: starts it, sends samples
// (transferred, not copied), and matches answers to requests. If the thread
// dies, every waiting request fails with a CandorError instead of hanging.
import type { Worker } from 'node:worker_threads';
import { CandorError, deserializeError } from '../../contract/errors';
import type { FromWorker, ToWorker } from './asr-worker';
import { spawnWorker, workerModuleUrl } from '../runtime/spawn-worker';
import type { AsrOutput, RunnerConfig } from './types';

function workerUrl(): URL {
  return workerModuleUrl('asr-worker', import.meta.url);
}

export class AsrWorkerClient {
  private readonly pending = new Map<number, { resolve: (o: AsrOutput) => void; reject: (e: unknown) => void }>();
  private nextId = 1;
  private dead: CandorError | null = null;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (m: FromWorker) => {
      if (m.type === 'result') this.settle(m.id, (p) => p.resolve(m.output));
      else if (m.type === 'error' && m.id !== null) this.settle(m.id, (p) => p.reject(deserializeError(m.error, 'speech recognition')));
    });
    const die = (why: string): void => {
      this.dead ??= new CandorError('INTERNAL', `the speech recognition thread stopped: ${why}`);
      for (const p of this.pending.values()) p.reject(this.dead);
      this.pending.clear();
    };
    worker.on('error', (err) => die(err.message));
    worker.on('exit', (code) => die(`exit code ${code}`));
  }

  private settle(id: number, fn: (p: { resolve: (o: AsrOutput) => void; reject: (e: unknown) => void }) => void): void {
    const p = this.pending.get(id);
    if (!p) return;
    this.pending.delete(id);
    fn(p);
  }

  /** Starts the thread and loads the model; rejects with the loader's error. */
  static async start(config: RunnerConfig, timeoutMs = 120_000): Promise<AsrWorkerClient> {
    const worker = spawnWorker(workerUrl());
    worker.unref();
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new CandorError('INTERNAL', `the speech model did not load within ${timeoutMs / 1000} s`)), timeoutMs);
        const onMsg = (m: FromWorker): void => {
          if (m.type !== 'ready' && !(m.type === 'error' && m.id === null)) return;
          clearTimeout(timer);
          worker.off('message', onMsg);
          if (m.type === 'ready') resolve();
          else reject(deserializeError(m.error, 'loading the speech model'));
        };
        worker.on('message', onMsg);
        worker.once('error', (err) => {
          clearTimeout(timer);
          reject(new CandorError('INTERNAL', `the speech recognition thread failed to start: ${err.message}`, undefined, { cause: err }));
        });
        worker.postMessage({ type: 'init', config } satisfies ToWorker);
      });
    } catch (err) {
      await worker.terminate();
      throw err;
    }
    return new AsrWorkerClient(worker);
  }

  run(samples: Float32Array): Promise<AsrOutput> {
    if (this.dead) return Promise.reject(this.dead);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.ref();
      const copy = samples.slice(); // the caller keeps its array; the copy is transferred
      this.worker.postMessage({ type: 'run', id, samples: copy } satisfies ToWorker, [copy.buffer]);
    }).finally(() => {
      if (this.pending.size === 0) this.worker.unref();
    }) as Promise<AsrOutput>;
  }

  async close(): Promise<void> {
    if (this.dead) return;
    this.dead = new CandorError('INTERNAL', 'the transcriber is closed');
    await this.worker.terminate();
  }
}
