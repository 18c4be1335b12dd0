// Two Silero sessions side by side on the same frames of one or two streams,
// each running free on its own recurrent state as the pipeline runs one:
// the frame loop of the tests that compare a rewritten VAD graph with the
// published one. Each session is run through frame-sequence.ts, `block`
// frames per call (a graph that takes one frame per call is stepped
// through them).
import type * as ort from 'onnxruntime-node';
import { runSequence } from '../../src-main/engine/vad/frame-sequence';
import { STATE_SIZE, VAD_CONTEXT, VAD_FRAME, VAD_WIDTH } from '../../src-main/engine/vad/frames';

export interface FramePair {
  /** Each session's probabilities for the frame, one per stream. */
  probabilities: [Float32Array, Float32Array];
  /** Each session's state after the frame, when the frame ends a block (every frame with blocks of one); else null. */
  states: [Float32Array, Float32Array] | null;
}

/** Runs `frames` frames (with the model's context before each) through both sessions; `check` sees every frame's outputs. */
export async function sideBySide(sessions: [ort.InferenceSession, ort.InferenceSession], streams: Float32Array[], frames: number,
  check: (frame: number, out: FramePair) => void, block = 1): Promise<void> {
  const B = streams.length;
  let states = [new Float32Array(2 * B * STATE_SIZE), new Float32Array(2 * B * STATE_SIZE)];
  for (let f0 = 0; f0 < frames; f0 += block) {
    const T = Math.min(block, frames - f0);
    const rows = new Float32Array(T * B * VAD_WIDTH);
    for (let t = 0; t < T; t++) {
      const f = f0 + t;
      streams.forEach((s, i) => rows.set(s.subarray(Math.max(0, f * VAD_FRAME - VAD_CONTEXT), (f + 1) * VAD_FRAME), (t * B + i) * VAD_WIDTH + (f === 0 ? VAD_CONTEXT : 0)));
    }
    const lengths = new Int32Array(B).fill(T);
    const out = await Promise.all(sessions.map((session, k) => runSequence(session, { rows, lengths, state: states[k] })));
    states = out.map((o) => Float32Array.from(o.state));
    for (let t = 0; t < T; t++) {
      check(f0 + t, {
        probabilities: [out[0].probabilities.subarray(t * B, (t + 1) * B), out[1].probabilities.subarray(t * B, (t + 1) * B)],
        states: t === T - 1 ? [states[0], states[1]] : null,
      });
    }
  }
}
