// Silero VAD v6 on onnxruntime-node, streaming. Framing as in silero-vad's
// OnnxWrapper: each call takes 512 new samples at 16 kHz plus the previous
// 64 as context, and carries a recurrent state. Several streams (me, them)
// run as one batch: one inference call per 32 ms for the whole call.
//
// The VAD runs on the CPU provider on purpose: the model is 2 MB and a call
// costs ~0.2 ms, far less than a round trip to a GPU would.
import * as ort from 'onnxruntime-node';
import { CandorError } from '../../contract/errors';
import { resolveModel } from '../models/resolve';
import { VAD_CONTEXT, VAD_FRAME, VAD_RATE } from './frames';

/** Silero v6's recurrent state: [2, batch, STATE_SIZE]. */
export const STATE_SIZE = 128;

let sessionPromise: Promise<ort.InferenceSession> | undefined;
let sessionPath: string | undefined;

/** The shared CPU session for a model file (one per process or thread). */
export async function loadSession(path: string): Promise<ort.InferenceSession> {
  if (sessionPromise && sessionPath === path) return sessionPromise;
  sessionPath = path;
  sessionPromise = ort.InferenceSession.create(path, {
    executionProviders: ['cpu'],
    intraOpNumThreads: 1,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: 'all',
  }).catch((err: Error) => {
    sessionPromise = undefined;
    throw new CandorError('MODEL_CORRUPT', `the VAD model ${path} could not be loaded: ${err.message}`,
      `Delete it and run \`npm run models\` to fetch it again.`);
  });
  return sessionPromise;
}

/** A batch of independent VAD streams advanced together, one frame each per call. */
export class SileroVad {
  private readonly input: Float32Array;
  private state: ort.Tensor;
  private readonly sr = new ort.Tensor('int64', BigInt64Array.from([BigInt(VAD_RATE)]), []);

  private constructor(private readonly session: ort.InferenceSession, readonly streams: number) {
    this.input = new Float32Array(streams * (VAD_CONTEXT + VAD_FRAME));
    this.state = new ort.Tensor('float32', new Float32Array(2 * streams * STATE_SIZE), [2, streams, STATE_SIZE]);
  }

  static async create(streams: number, modelPath?: string): Promise<SileroVad> {
    const path = modelPath ?? (await resolveModel('silero-vad-v6'));
    return new SileroVad(await loadSession(path), streams);
  }

  /** One 512-sample frame per stream in; one speech probability per stream out. */
  async process(frames: Float32Array[]): Promise<Float32Array> {
    const w = VAD_CONTEXT + VAD_FRAME;
    for (let b = 0; b < this.streams; b++) {
      const row = this.input.subarray(b * w, (b + 1) * w);
      // Context = the last 64 samples of this stream's previous frame.
      row.copyWithin(0, VAD_FRAME, w);
      row.set(frames[b], VAD_CONTEXT);
    }
    const out = await this.session.run({
      input: new ort.Tensor('float32', this.input, [this.streams, w]),
      state: this.state,
      sr: this.sr,
    });
    this.state = out.stateN as ort.Tensor;
    return Float32Array.from(out.output.data as Float32Array);
  }
}
