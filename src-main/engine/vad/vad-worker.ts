// A VAD worker thread: Silero (gated-vad.ts) for one or more streams, run
// off the pipeline's thread, so that on a machine with two cores the model
// and the rest of the pipeline (decoding, bleed, edges) run side by side.
// Blocks are answered strictly in order: the model is recurrent.
import { parentPort } from 'node:worker_threads';
import { serializeError } from '../../contract/errors';
import { GatedVad } from './gated-vad';

export type ToVadWorker =
  | { type: 'init'; modelPath: string; gate: boolean; streams: number }
  | { type: 'run'; id: number; samples: Float32Array[]; n: number }
  | { type: 'close' };

export type FromVadWorker =
  | { type: 'ready' }
  | { type: 'result'; id: number; probs: Float32Array; frames: number[]; skipped: number[] }
  | { type: 'error'; id: number | null; error: ReturnType<typeof serializeError> };

const port = parentPort;
if (!port) throw new Error('vad-worker.ts must run in a worker thread');

let vad: Promise<GatedVad> | null = null;
let queue: Promise<void> = Promise.resolve();

port.on('message', (msg: ToVadWorker) => {
  if (msg.type === 'init') {
    vad = GatedVad.create(msg.streams, { modelPath: msg.modelPath, gate: msg.gate });
    vad.then(
      () => port.postMessage({ type: 'ready' } satisfies FromVadWorker),
      (err: unknown) => port.postMessage({ type: 'error', id: null, error: serializeError(err) } satisfies FromVadWorker),
    );
    return;
  }
  if (msg.type === 'close') {
    // after the blocks already sent: a thread stopped inside onnxruntime's
    // run aborts the whole process (a C++ exception with no JS to catch it)
    queue = queue.then(() => port.close());
    return;
  }
  const { id, samples, n } = msg;
  queue = queue.then(async () => {
    try {
      if (!vad) throw new Error('the VAD worker got audio before it was initialised');
      const v = await vad;
      const probs = await v.run(samples, n);
      const s = v.stats();
      port.postMessage({ type: 'result', id, probs, frames: s.frames, skipped: s.skipped } satisfies FromVadWorker, [probs.buffer as ArrayBuffer]);
    } catch (err) {
      port.postMessage({ type: 'error', id, error: serializeError(err) } satisfies FromVadWorker);
    }
  });
});
