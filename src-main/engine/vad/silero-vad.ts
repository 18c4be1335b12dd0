// Silero VAD v6 on onnxruntime-node, streaming. Framing as in silero-vad's
// OnnxWrapper: each call takes 512 new samples at 16 kHz plus the previous
// 64 as context, and carries a recurrent state. Several streams (me, them)
// run as one batch: one inference call per 32 ms for the whole call.
//
// The VAD runs on the CPU provider on purpose: the model is 2 MB and a call
// costs ~0.2 ms, far less than a round trip to a GPU would. The pipeline
// runs it specialised to its inputs (loadSession); SileroVad, the plain
// reference the tests compare with, runs the graph as published.
import { readFile } from 'node:fs/promises';
import * as ort from 'onnxruntime-node';
import { CandorError } from '../../contract/errors';
import type { SpecialiseOptions } from '../onnx/inline-branches';
import { resolveModel } from '../models/resolve';
import { VAD_CONTEXT, VAD_FRAME, VAD_RATE } from './frames';

/** Silero v6's recurrent state: [2, batch, STATE_SIZE]. */
export const STATE_SIZE = 128;

const SESSION_OPTIONS: ort.InferenceSession.SessionOptions = {
  executionProviders: ['cpu'],
  intraOpNumThreads: 1,
  interOpNumThreads: 1,
  executionMode: 'sequential',
  graphOptimizationLevel: 'all',
  // errors only: a specialised graph keeps a constant of the branch it dropped, which onnxruntime warns of on stderr
  logSeverityLevel: 3,
};

/** The batch sizes the VAD runs: one stream, or both sides of a call together. */
const BATCHES = [1, 2];

/** What the VAD thread runs: the model specialised to its input shapes (onnx/inline-branches.ts), or as published. */
export interface VadSession {
  session: ort.InferenceSession;
  /** Why the published graph is run as it is, when specialising it failed. */
  unspecialised: string | null;
}

let sessionPromise: Promise<VadSession> | undefined;
let sessionPath: string | undefined;

function srTensor(): ort.Tensor {
  return new ort.Tensor('int64', BigInt64Array.from([BigInt(VAD_RATE)]), []);
}

/** One frame of both streams, with a state that is not zero: enough to tell two graphs apart. */
async function sameOutputs(a: ort.InferenceSession, b: ort.InferenceSession): Promise<boolean> {
  const B = 2;
  const input = new Float32Array(B * (VAD_CONTEXT + VAD_FRAME)).map((_, i) => Math.sin(i * 0.37) * 0.3);
  const state = new Float32Array(2 * B * STATE_SIZE).map((_, i) => Math.cos(i * 0.11) * 0.5);
  const feeds = (): Record<string, ort.Tensor> => ({
    input: new ort.Tensor('float32', input, [B, VAD_CONTEXT + VAD_FRAME]),
    state: new ort.Tensor('float32', state, [2, B, STATE_SIZE]),
    sr: srTensor(),
  });
  const [x, y] = [await a.run(feeds()), await b.run(feeds())];
  const same = (p: ort.Tensor, q: ort.Tensor): boolean => (p.data as Float32Array).every((v, i) => Object.is(v, (q.data as Float32Array)[i]));
  return same(x.output, y.output) && same(x.stateN, y.stateN);
}

/** What the pipeline feeds the model: 16 kHz, a batch of one or two (onnx/inline-branches.ts takes the branches for these). */
export function specialisation(): SpecialiseOptions {
  return { cases: BATCHES.map((b) => ({ input: [b, VAD_CONTEXT + VAD_FRAME], state: [2, b, STATE_SIZE] })), fixed: { sr: srTensor() } };
}

/** The published model with its branches for 16 kHz and batches of one or two taken ahead of time; the same arithmetic, bit for bit. */
async function specialise(published: ort.InferenceSession, bytes: Uint8Array): Promise<VadSession> {
  try {
    const { inlineBranches } = await import('../onnx/inline-branches');
    const spec = await inlineBranches(bytes, specialisation());
    const session = await ort.InferenceSession.create(spec.bytes, SESSION_OPTIONS);
    if (!(await sameOutputs(published, session))) {
      await session.release();
      return { session: published, unspecialised: 'the specialised graph gave other results on the check frame' };
    }
    await published.release();
    return { session, unspecialised: null };
  } catch (err) {
    return { session: published, unspecialised: (err as Error).message };
  }
}

/** The shared CPU session for a model file (one per process or thread), specialised where it can be. */
export async function loadSession(path: string): Promise<VadSession> {
  if (sessionPromise && sessionPath === path) return sessionPromise;
  sessionPath = path;
  sessionPromise = (async () => {
    let bytes: Uint8Array;
    let published: ort.InferenceSession;
    try {
      bytes = await readFile(path);
      published = await ort.InferenceSession.create(bytes, SESSION_OPTIONS);
    } catch (err) {
      throw new CandorError('MODEL_CORRUPT', `the VAD model ${path} could not be loaded: ${(err as Error).message}`,
        `Delete it and run \`npm run models\` to fetch it again.`);
    }
    return specialise(published, bytes);
  })().catch((err: unknown) => {
    sessionPromise = undefined;
    throw err;
  });
  return sessionPromise;
}

/** The published graph, unchanged: the reference the tests compare against. */
export async function loadPublishedSession(path: string): Promise<ort.InferenceSession> {
  try {
    return await ort.InferenceSession.create(path, SESSION_OPTIONS);
  } catch (err) {
    throw new CandorError('MODEL_CORRUPT', `the VAD model ${path} could not be loaded: ${(err as Error).message}`,
      `Delete it and run \`npm run models\` to fetch it again.`);
  }
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
    return new SileroVad(await loadPublishedSession(path), streams);
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
