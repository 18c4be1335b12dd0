// Silero VAD v6 on onnxruntime-node, streaming. Framing as in silero-vad's
// OnnxWrapper: each call takes 512 new samples at 16 kHz plus the previous
// 64 as context, and carries a recurrent state. Several streams (me, them)
// run as one batch: one inference call per 32 ms for the whole call.
//
// The VAD runs on the CPU provider on purpose: the model is 2 MB and a call
// costs ~0.2 ms, far less than a round trip to a GPU would. The pipeline
// runs it re-expressed as matrix products (silero-matmul.ts), built from the
// graph specialised to its inputs (onnx/inline-branches.ts), falling back
// to the specialised and then the published graph (loadSession); SileroVad,
// the plain reference the tests compare with, runs the graph as published.
import { readFile } from 'node:fs/promises';
import * as ort from 'onnxruntime-node';
import { CandorError } from '../../contract/errors';
import type { SpecialiseOptions } from '../onnx/inline-branches';
import { resolveModel } from '../models/resolve';
import { runSequence, srTensor } from './frame-sequence';
import { STATE_SIZE, VAD_CONTEXT, VAD_FRAME, VAD_RATE, VAD_WIDTH } from './frames';

export { STATE_SIZE } from './frames';

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

/** Which graph the VAD runs: the MatMul form (silero-matmul.ts), specialised to its inputs, or as published. */
export type VadForm = 'matmul' | 'specialised' | 'published';

export interface VadSession {
  session: ort.InferenceSession;
  form: VadForm;
  /** Why a faster form is not run, when it is not. */
  fallback: string | null;
}

let sessionPromise: Promise<VadSession> | undefined;
let sessionPath: string | undefined;

/** What the pipeline feeds the model: 16 kHz, a batch of one or two (onnx/inline-branches.ts takes the branches for these). */
export function specialisation(): SpecialiseOptions {
  return { cases: BATCHES.map((b) => ({ input: [b, VAD_WIDTH], state: [2, b, STATE_SIZE] })), fixed: { sr: srTensor() } };
}

/**
 * Both graphs run on the same CHECK_FRAMES of a voiced test signal, two
 * streams from a state that is not zero, the second stream for fewer frames
 * (a form that runs a sequence per call must stop each stream at its own
 * length); returns the largest difference in probability or final state (0
 * when they agree bit for bit).
 */
export async function graphDifference(a: ort.InferenceSession, b: ort.InferenceSession, frames = CHECK_FRAMES): Promise<number> {
  const B = 2;
  const lengths = Int32Array.from([frames, frames - Math.floor(frames / 3)]);
  const state = new Float32Array(2 * B * STATE_SIZE).map((_, i) => Math.cos(i * 0.11) * 0.5);
  const rows = new Float32Array(frames * B * VAD_WIDTH).map((_, k) => {
    // a vowel-like tone (fundamental 110-230 Hz and 12 harmonics) that swells and fades, a different one per stream
    const i = k % VAD_WIDTH;
    const s = Math.floor(k / VAD_WIDTH) % B;
    const t = (Math.floor(k / (B * VAD_WIDTH)) * VAD_FRAME + i) / VAD_RATE;
    const f0 = 110 + 60 * s + 60 * Math.sin(t * 1.3);
    let x = 0;
    for (let h = 1; h <= 12; h++) x += Math.sin(2 * Math.PI * f0 * h * t + h * s) / h;
    return 0.3 * x * (0.5 + 0.5 * Math.sin(t * 4 + s));
  });
  const [p, q] = await Promise.all([a, b].map((session) => runSequence(session, { rows, lengths, state })));
  let worst = 0;
  for (let t = 0; t < frames; t++) {
    for (let s = 0; s < B; s++) if (t < lengths[s]) worst = Math.max(worst, Math.abs(p.probabilities[t * B + s] - q.probabilities[t * B + s]));
  }
  for (let i = 0; i < p.state.length; i++) worst = Math.max(worst, Math.abs(p.state[i] - q.state[i]));
  return worst; // NaN when either gave NaN
}

/** Frames the forms are compared on at load: ~0.5 s, a few ms. */
const CHECK_FRAMES = 16;
/**
 * How far the MatMul form may differ from the graph: its sums run in
 * another order, which costs float32 rounding (measured on meeting speech:
 * 1e-6 in probability, 8e-6 in state); a weight laid out wrong moves them
 * by 1e-2 or more.
 */
export const MATMUL_TOLERANCE = 1e-4;

type Loaded = { session: ort.InferenceSession; bytes: Uint8Array };

/** The published model with its branches for 16 kHz and batches of one or two taken ahead of time; the same arithmetic, bit for bit. */
async function specialise(published: ort.InferenceSession, bytes: Uint8Array): Promise<Loaded> {
  const { inlineBranches } = await import('../onnx/inline-branches');
  const spec = await inlineBranches(bytes, specialisation());
  const session = await ort.InferenceSession.create(spec.bytes, SESSION_OPTIONS);
  if ((await graphDifference(published, session)) !== 0) {
    await session.release();
    throw new Error('the specialised graph gave other results on the check frames');
  }
  return { session, bytes: spec.bytes };
}

/** The MatMul form of the specialised graph, when it agrees with it. */
async function asMatMuls(specialised: Loaded): Promise<ort.InferenceSession> {
  const { sileroAsMatMuls } = await import('./silero-matmul');
  const session = await ort.InferenceSession.create(sileroAsMatMuls(specialised.bytes), SESSION_OPTIONS);
  const diff = await graphDifference(specialised.session, session);
  if (!(diff <= MATMUL_TOLERANCE)) {
    await session.release();
    throw new Error(`the MatMul form differs from the graph by ${diff} on the check frames`);
  }
  return session;
}

/** The fastest form that agrees with the published graph. */
async function fastestForm(published: ort.InferenceSession, bytes: Uint8Array): Promise<VadSession> {
  let specialised: Loaded;
  try {
    specialised = await specialise(published, bytes);
  } catch (err) {
    return { session: published, form: 'published', fallback: `not specialised: ${(err as Error).message}` };
  }
  await published.release();
  try {
    const session = await asMatMuls(specialised);
    await specialised.session.release();
    return { session, form: 'matmul', fallback: null };
  } catch (err) {
    return { session: specialised.session, form: 'specialised', fallback: `no MatMul form: ${(err as Error).message}` };
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
    return fastestForm(published, bytes);
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
  private readonly sr = srTensor();

  private constructor(private readonly session: ort.InferenceSession, readonly streams: number) {
    this.input = new Float32Array(streams * VAD_WIDTH);
    this.state = new ort.Tensor('float32', new Float32Array(2 * streams * STATE_SIZE), [2, streams, STATE_SIZE]);
  }

  static async create(streams: number, modelPath?: string): Promise<SileroVad> {
    const path = modelPath ?? (await resolveModel('silero-vad-v6'));
    return new SileroVad(await loadPublishedSession(path), streams);
  }

  /** One 512-sample frame per stream in; one speech probability per stream out. */
  async process(frames: Float32Array[]): Promise<Float32Array> {
    const w = VAD_WIDTH;
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
