// The ASR worker thread: builds the runner once ("init"), then transcribes
// one input at a time ("run"). Errors cross back as {name, message, code,
// stack}. Capture and the analysis pipeline never wait on it.
import { parentPort } from 'node:worker_threads';
import { serializeError } from '../../contract/errors';
import type { AsrRunner, RunnerConfig } from './types';

export type ToWorker =
  | { type: 'init'; config: RunnerConfig }
  | { type: 'run'; id: number; samples: Float32Array }
  | { type: 'dispose' };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'result'; id: number; output: import('./types').AsrOutput }
  | { type: 'error'; id: number | null; error: ReturnType<typeof serializeError> };

/** The default runner module next to this file, in the same flavour (.ts under tsx, .js when built). */
function defaultRunnerModule(): string {
  const ext = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
  return new URL(`./whisper-runner${ext}`, import.meta.url).href;
}

let runner: AsrRunner | null = null;
const port = parentPort;
if (!port) throw new Error('asr-worker.ts must run in a worker thread');

port.on('message', async (msg: ToWorker) => {
  if (msg.type === 'init') {
    try {
      const mod = (await import(msg.config.runnerModule ?? defaultRunnerModule())) as { createRunner(c: RunnerConfig): Promise<AsrRunner> };
      runner = await mod.createRunner(msg.config);
      port.postMessage({ type: 'ready' } satisfies FromWorker);
    } catch (err) {
      port.postMessage({ type: 'error', id: null, error: serializeError(err) } satisfies FromWorker);
    }
  } else if (msg.type === 'run') {
    try {
      if (!runner) throw new Error('the ASR worker got work before it was initialised');
      const output = await runner.run(msg.samples);
      port.postMessage({ type: 'result', id: msg.id, output } satisfies FromWorker);
    } catch (err) {
      port.postMessage({ type: 'error', id: msg.id, error: serializeError(err) } satisfies FromWorker);
    }
  } else if (msg.type === 'dispose') {
    await runner?.dispose?.();
    port.close();
  }
});
