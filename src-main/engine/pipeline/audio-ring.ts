// The last few seconds of one side's 16 kHz audio, so that a finished
// segment can be handed to speech recognition without keeping the call.
export class AudioRing {
  private readonly buf: Float32Array;
  private written = 0; // total samples ever written

  constructor(readonly seconds: number, readonly rate = 16000) {
    this.buf = new Float32Array(Math.ceil(seconds * rate));
  }

  write(x: Float32Array): void {
    const n = this.buf.length;
    for (let i = 0; i < x.length; i++) this.buf[(this.written + i) % n] = x[i];
    this.written += x.length;
  }

  /** Samples between t0 and t1 seconds of the stream, clipped to what is still held. */
  slice(t0: number, t1: number): { start: number; samples: Float32Array } {
    const n = this.buf.length;
    const first = Math.max(Math.floor(t0 * this.rate), this.written - n, 0);
    const last = Math.min(Math.ceil(t1 * this.rate), this.written);
    const out = new Float32Array(Math.max(0, last - first));
    for (let i = 0; i < out.length; i++) out[i] = this.buf[(first + i) % n];
    return { start: first / this.rate, samples: out };
  }
}
