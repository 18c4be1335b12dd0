// Silero v6 for several streams in this thread, skipping provably silent
// frames (silence-gate.ts). Each stream keeps its own recurrent state and
// 64-sample context, so on every frame the streams that need the model run
// together as one batch (of 1 or 2) and the others cost nothing.
import * as ort from 'onnxruntime-node';
import { SilenceGate } from './silence-gate';
import { VAD_CONTEXT, VAD_FRAME, VAD_RATE } from './frames';
import { loadSession, STATE_SIZE } from './silero-vad';
import type { VadRunner, VadStats } from './vad-runner';

const WIDTH = VAD_CONTEXT + VAD_FRAME;

export interface GatedVadOptions {
  modelPath?: string;
  /** Skip provably silent frames (default true; false runs the model on every frame). */
  gate?: boolean;
}

export class GatedVad implements VadRunner {
  private readonly gates: SilenceGate[];
  /** Per stream: [2][STATE_SIZE] recurrent state. */
  private readonly states: Float32Array[];
  /** Per stream: the last VAD_CONTEXT samples of its previous frame. */
  private readonly contexts: Float32Array[];
  private readonly sr: ort.Tensor;
  private readonly active: number[] = [];
  /** Per batch size (1..streams): the input and state tensors, reused from call to call. */
  private readonly feeds: { input: ort.Tensor; state: ort.Tensor }[] = [];
  private queue: Promise<void> = Promise.resolve();

  private constructor(private readonly session: ort.InferenceSession, readonly streams: number, private readonly gated: boolean) {
    this.gates = Array.from({ length: streams }, () => new SilenceGate());
    this.states = Array.from({ length: streams }, () => new Float32Array(2 * STATE_SIZE));
    this.contexts = Array.from({ length: streams }, () => new Float32Array(VAD_CONTEXT));
    this.sr = new ort.Tensor('int64', BigInt64Array.from([BigInt(VAD_RATE)]), []);
  }

  static async create(streams: number, opts: GatedVadOptions = {}): Promise<GatedVad> {
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
    for (let f = 0; f < n; f++) {
      const active = this.active;
      active.length = 0;
      for (let s = 0; s < S; s++) {
        const frame = block[s].subarray(f * VAD_FRAME, (f + 1) * VAD_FRAME);
        if (this.gated && this.gates[s].skip(frame)) {
          out[f * S + s] = this.gates[s].quietProbability;
          this.contexts[s].set(frame.subarray(VAD_FRAME - VAD_CONTEXT));
        } else {
          if (!this.gated) this.gates[s].frames++;
          active.push(s);
        }
      }
      if (active.length) await this.infer(block, f, active, out);
    }
    return out;
  }

  private async infer(block: readonly Float32Array[], f: number, active: readonly number[], out: Float32Array): Promise<void> {
    const B = active.length;
    // onnxruntime reads the feeds during run and keeps no reference: one pair per batch size serves every call
    const feeds = (this.feeds[B] ??= {
      input: new ort.Tensor('float32', new Float32Array(B * WIDTH), [B, WIDTH]),
      state: new ort.Tensor('float32', new Float32Array(2 * B * STATE_SIZE), [2, B, STATE_SIZE]),
    });
    const input = feeds.input.data as Float32Array;
    const state = feeds.state.data as Float32Array;
    for (let b = 0; b < B; b++) {
      const s = active[b];
      const frame = block[s].subarray(f * VAD_FRAME, (f + 1) * VAD_FRAME);
      input.set(this.contexts[s], b * WIDTH);
      input.set(frame, b * WIDTH + VAD_CONTEXT);
      this.contexts[s].set(frame.subarray(VAD_FRAME - VAD_CONTEXT));
      for (let l = 0; l < 2; l++) state.set(this.states[s].subarray(l * STATE_SIZE, (l + 1) * STATE_SIZE), (l * B + b) * STATE_SIZE);
    }
    const r = await this.session.run({ input: feeds.input, state: feeds.state, sr: this.sr });
    const p = r.output.data as Float32Array;
    const next = r.stateN.data as Float32Array;
    for (let b = 0; b < B; b++) {
      const s = active[b];
      for (let l = 0; l < 2; l++) this.states[s].set(next.subarray((l * B + b) * STATE_SIZE, (l * B + b + 1) * STATE_SIZE), l * STATE_SIZE);
      out[f * this.streams + s] = p[b];
      if (this.gated) this.gates[s].observe(p[b]);
    }
  }

  stats(): VadStats {
    return { frames: this.gates.map((g) => g.frames), skipped: this.gates.map((g) => g.skipped) };
  }

  async close(): Promise<void> {
    // the session is shared by the thread (loadSession) and stays loaded
  }
}
