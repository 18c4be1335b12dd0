// What the analysis pipeline asks of a voice activity detector: speech
// probabilities for a block of frames of every stream at once. A block lets
// the model run in another thread while the pipeline works on the previous
// one, and lets silent frames be skipped (silence-gate.ts).

export interface VadStats {
  /** Frames seen, per stream. */
  frames: number[];
  /** Frames the model did not need to see (provably silent), per stream. */
  skipped: number[];
}

export interface VadRunner {
  readonly streams: number;
  /**
   * `block[s]` holds `n` whole frames (n * VAD_FRAME samples) of stream s, in
   * time order, following the previous block. Resolves to n * streams
   * probabilities, frame-major: p[f * streams + s]. Calls are answered in order.
   */
  run(block: readonly Float32Array[], n: number): Promise<Float32Array>;
  stats(): VadStats;
  close(): Promise<void>;
}
