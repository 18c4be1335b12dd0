// A Silero session run over a sequence of frames per stream, whatever form
// it takes. The MatMul form (silero-matmul.ts) takes the whole sequence in
// one call: its encoder runs on every frame at once and its LSTM steps
// through them, each stream for its own number of frames. The graph as
// published or specialised takes one frame per stream per call, so the
// sequence is stepped through here, the streams that still have a frame
// batched together at each step. Either way a stream's probabilities and
// final state depend on its own frames only.
//
// One call per block instead of one per 32 ms frame: a block of 8 frames
// of two streams cost ~1.0 ms of CPU against ~2.0 ms for 8 calls, after
// 250 ms idle as in a live call, and 0.56 against 1.26 ms back to back
// (.scratch measurement, interleaved, 2026-12-03); the probabilities were
// the per-frame calls' bit for bit.
import * as ort from 'onnxruntime-node';
import { STATE_SIZE, VAD_RATE, VAD_WIDTH } from './frames';

export interface FrameSequence {
  /** Time-major: row t * B + b is stream b's t-th frame, its context first (VAD_WIDTH samples); rows at or past lengths[b] are not read. */
  rows: Float32Array;
  /** Frames per stream (B of them), each at least 1. */
  lengths: Int32Array;
  /** [2, B, STATE_SIZE]: each stream's state before its first frame. */
  state: Float32Array;
}

export interface SequenceResult {
  /** probabilities[t * B + b]: stream b's speech probability for its t-th frame (undefined past its length). */
  probabilities: Float32Array;
  /** [2, B, STATE_SIZE]: each stream's state after its last frame. */
  state: Float32Array;
}

/** Whether the session takes a sequence per call (the MatMul form) or one frame per stream. */
export function takesSequences(session: ort.InferenceSession): boolean {
  return session.inputNames.includes('frames');
}

/** The sample-rate input of the graph as published or specialised (16 kHz). */
export function srTensor(): ort.Tensor {
  return new ort.Tensor('int64', BigInt64Array.from([BigInt(VAD_RATE)]), []);
}

export async function runSequence(session: ort.InferenceSession, seq: FrameSequence): Promise<SequenceResult> {
  const B = seq.lengths.length;
  let T = 0;
  for (const n of seq.lengths) {
    if (!(n >= 1)) throw new Error(`a stream of the sequence has ${n} frames`);
    T = Math.max(T, n);
  }
  if (seq.rows.length < T * B * VAD_WIDTH || seq.state.length !== 2 * B * STATE_SIZE) throw new Error('the sequence is shorter than its lengths');
  if (takesSequences(session)) {
    const r = await session.run({
      frames: new ort.Tensor('float32', seq.rows.subarray(0, T * B * VAD_WIDTH), [T, B, VAD_WIDTH]),
      lengths: new ort.Tensor('int32', seq.lengths, [B]),
      state: new ort.Tensor('float32', seq.state, [2, B, STATE_SIZE]),
    });
    return { probabilities: r.output.data as Float32Array, state: r.stateN.data as Float32Array };
  }
  const sr = srTensor();
  const probabilities = new Float32Array(T * B);
  const state = Float32Array.from(seq.state);
  const on: number[] = [];
  for (let t = 0; t < T; t++) {
    on.length = 0;
    for (let b = 0; b < B; b++) if (seq.lengths[b] > t) on.push(b);
    const n = on.length;
    const input = new Float32Array(n * VAD_WIDTH);
    const before = new Float32Array(2 * n * STATE_SIZE);
    on.forEach((b, i) => {
      input.set(seq.rows.subarray((t * B + b) * VAD_WIDTH, (t * B + b + 1) * VAD_WIDTH), i * VAD_WIDTH);
      for (let l = 0; l < 2; l++) before.set(state.subarray((l * B + b) * STATE_SIZE, (l * B + b + 1) * STATE_SIZE), (l * n + i) * STATE_SIZE);
    });
    const r = await session.run({
      input: new ort.Tensor('float32', input, [n, VAD_WIDTH]),
      state: new ort.Tensor('float32', before, [2, n, STATE_SIZE]),
      sr,
    });
    const p = r.output.data as Float32Array;
    const after = r.stateN.data as Float32Array;
    on.forEach((b, i) => {
      probabilities[t * B + b] = p[i];
      for (let l = 0; l < 2; l++) state.set(after.subarray((l * n + i) * STATE_SIZE, (l * n + i + 1) * STATE_SIZE), (l * B + b) * STATE_SIZE);
    });
  }
  return { probabilities, state };
}
