// Silero v6 for several streams in this thread, skipping provably silent
// frames (silence-gate.ts). Each stream keeps its own recurrent state and
// 64-sample context; the frames of a block that need the model go to it in
// as few calls as the gate allows (frame-sequence.ts): usually one per
// block, every stream's frames in one sequence.
//
// The gate decides frame by frame, and whether a frame may be skipped
// depends on the model's answer for the frames before it. A frame is sent
// on without that answer only when the gate proves it runs whatever the
// answer (SilenceGate.couldSkip); otherwise the frames sent so far are run
// first and the gate decides on their answers. The gate then sees the same
// frames and answers in the same order as it would one frame at a time, so
// the skips and probabilities are those of one call per frame.
import type * as ort from 'onnxruntime-node';
import { SilenceGate } from './silence-gate';
import { STATE_SIZE, VAD_CONTEXT, VAD_FRAME, VAD_WIDTH } from './frames';
import { runSequence } from './frame-sequence';
import { loadSession } from './silero-vad';
import type { VadRunner, VadStats } from './vad-runner';

export interface GatedVadOptions {
  modelPath?: string;
  /** Skip provably silent frames (default true; false runs the model on every frame). */
  gate?: boolean;
  /** This session instead of the thread's shared one (tests compare the forms of the model). */
  session?: ort.InferenceSession;
}

/** The frames of a block sent to the model and not yet run, per stream. */
interface Pending {
  /** Frame indices in the block, in order. */
  frames: number[];
  /** measure()'s flat flag for each, replayed into the gate when their answers come. */
  flat: boolean[];
}

export class GatedVad implements VadRunner {
  private readonly gates: SilenceGate[];
  /** Per stream: [2][STATE_SIZE] recurrent state. */
  private readonly states: Float32Array[];
  /** Per stream: the last VAD_CONTEXT samples of its previous frame. */
  private readonly contexts: Float32Array[];
  private readonly pending: Pending[];
  private queue: Promise<void> = Promise.resolve();

  private constructor(private readonly session: ort.InferenceSession, readonly streams: number, private readonly gated: boolean) {
    this.gates = Array.from({ length: streams }, () => new SilenceGate());
    this.states = Array.from({ length: streams }, () => new Float32Array(2 * STATE_SIZE));
    this.contexts = Array.from({ length: streams }, () => new Float32Array(VAD_CONTEXT));
    this.pending = Array.from({ length: streams }, () => ({ frames: [], flat: [] }));
  }

  static async create(streams: number, opts: GatedVadOptions = {}): Promise<GatedVad> {
    if (opts.session) return new GatedVad(opts.session, streams, opts.gate ?? true);
    // resolved here only when not given: the VAD threads are handed the path and load nothing else
    const path = opts.modelPath ?? (await (await import('../models/resolve')).resolveModel('silero-vad-v6'));
    return new GatedVad((await loadSession(path)).session, streams, opts.gate ?? true);
  }

  /** Blocks are run one after another, in the order they were sent: the model is recurrent. */
  run(block: readonly Float32Array[], n: number): Promise<Float32Array> {
    const next = this.queue.then(() => this.runNow(block, n));
    this.queue = next.then(() => undefined, () => undefined);
    return next;
  }

  private async runNow(block: readonly Float32Array[], n: number): Promise<Float32Array> {
    const S = this.streams;
    const out = new Float32Array(n * S);
    try {
      for (let f = 0; f < n; f++) {
        for (let s = 0; s < S; s++) {
          const gate = this.gates[s];
          const pending = this.pending[s];
          if (!this.gated) {
            gate.frames++;
            pending.frames.push(f);
            continue;
          }
          const flat = gate.measure(block[s].subarray(f * VAD_FRAME, (f + 1) * VAD_FRAME));
          // the gate needs the answers for the frames sent so far before it can decide on this one
          if (pending.frames.length && gate.couldSkip(flat, pending.flat)) await this.flush(block, out);
          if (!pending.frames.length && gate.couldSkip(flat, pending.flat)) {
            gate.decide(flat); // skips
            out[f * S + s] = gate.quietProbability;
          } else {
            pending.frames.push(f);
            pending.flat.push(flat);
          }
        }
      }
      await this.flush(block, out);
    } finally {
      for (const p of this.pending) p.frames.length = p.flat.length = 0;
    }
    if (n > 0) for (let s = 0; s < S; s++) this.contexts[s].set(block[s].subarray(n * VAD_FRAME - VAD_CONTEXT, n * VAD_FRAME));
    return out;
  }

  /** Runs the frames sent so far, every stream's as one sequence, and gives the gates their answers in order. */
  private async flush(block: readonly Float32Array[], out: Float32Array): Promise<void> {
    const on: number[] = [];
    for (let s = 0; s < this.streams; s++) if (this.pending[s].frames.length) on.push(s);
    if (!on.length) return;
    const B = on.length;
    const T = Math.max(...on.map((s) => this.pending[s].frames.length));
    const rows = new Float32Array(T * B * VAD_WIDTH);
    const state = new Float32Array(2 * B * STATE_SIZE);
    const lengths = new Int32Array(B);
    on.forEach((s, b) => {
      const { frames } = this.pending[s];
      lengths[b] = frames.length;
      frames.forEach((f, t) => {
        const at = (t * B + b) * VAD_WIDTH;
        // the context: the end of the frame before, skipped or not (the previous block's for the first)
        if (f === 0) rows.set(this.contexts[s], at);
        else rows.set(block[s].subarray(f * VAD_FRAME - VAD_CONTEXT, f * VAD_FRAME), at);
        rows.set(block[s].subarray(f * VAD_FRAME, (f + 1) * VAD_FRAME), at + VAD_CONTEXT);
      });
      for (let l = 0; l < 2; l++) state.set(this.states[s].subarray(l * STATE_SIZE, (l + 1) * STATE_SIZE), (l * B + b) * STATE_SIZE);
    });
    const r = await runSequence(this.session, { rows, lengths, state });
    on.forEach((s, b) => {
      const { frames, flat } = this.pending[s];
      for (let l = 0; l < 2; l++) this.states[s].set(r.state.subarray((l * B + b) * STATE_SIZE, (l * B + b + 1) * STATE_SIZE), l * STATE_SIZE);
      frames.forEach((f, t) => {
        const p = r.probabilities[t * B + b];
        out[f * this.streams + s] = p;
        if (this.gated) {
          // couldSkip proved these run: the gate takes them as it would have one at a time
          if (this.gates[s].decide(flat[t])) throw new Error('the silence gate skipped a frame the model had already run');
          this.gates[s].observe(p);
        }
      });
      frames.length = flat.length = 0;
    });
  }

  stats(): VadStats {
    return { frames: this.gates.map((g) => g.frames), skipped: this.gates.map((g) => g.skipped) };
  }

  async close(): Promise<void> {
    // the session is shared by the thread (loadSession) and stays loaded
  }
}
