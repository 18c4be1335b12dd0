// Two Silero sessions side by side on the same frames of one or two streams,
// each running free on its own recurrent state as the pipeline runs one:
// the frame loop of the tests that compare a rewritten VAD graph with the
// published one.
import * as ort from 'onnxruntime-node';
import { VAD_CONTEXT, VAD_FRAME } from '../../src-main/engine/vad/frames';
import { STATE_SIZE } from '../../src-main/engine/vad/silero-vad';

export interface FramePair {
  /** Each session's probabilities for the frame, one per stream. */
  probabilities: [Float32Array, Float32Array];
  /** Each session's state after the frame. */
  states: [Float32Array, Float32Array];
}

/** Runs `frames` frames (with the model's context before each) through both sessions; `check` sees every frame's outputs. */
export async function sideBySide(sessions: [ort.InferenceSession, ort.InferenceSession], streams: Float32Array[], frames: number,
  check: (frame: number, out: FramePair) => void): Promise<void> {
  const B = streams.length;
  const W = VAD_CONTEXT + VAD_FRAME;
  const sr = new ort.Tensor('int64', BigInt64Array.from([16000n]), []);
  let states = [new Float32Array(2 * B * STATE_SIZE), new Float32Array(2 * B * STATE_SIZE)];
  for (let f = 0; f < frames; f++) {
    const input = new Float32Array(B * W);
    streams.forEach((s, i) => input.set(s.subarray(Math.max(0, f * VAD_FRAME - VAD_CONTEXT), (f + 1) * VAD_FRAME), i * W + (f === 0 ? VAD_CONTEXT : 0)));
    const out = await Promise.all(sessions.map((session, k) => session.run({
      input: new ort.Tensor('float32', input, [B, W]),
      state: new ort.Tensor('float32', states[k], [2, B, STATE_SIZE]),
      sr,
    })));
    states = out.map((o) => Float32Array.from(o.stateN.data as Float32Array));
    check(f, { probabilities: [out[0].output.data as Float32Array, out[1].output.data as Float32Array], states: [states[0], states[1]] });
  }
}
