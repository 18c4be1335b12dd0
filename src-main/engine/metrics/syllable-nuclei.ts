// Syllable nuclei for the acoustic speech rate (METRICS.md), after de Jong &
// Wempe (2009): peaks of the intensity contour of voiced speech that stand
// above the speaker's median intensity and are separated by dips of at
// least 2 dB. Streaming: 8 ms hops over a 32 ms window of band-limited audio.
export const HOP = 128; // 8 ms at 16 kHz
const WINDOW_HOPS = 4; // 32 ms intensity window
const DIP_DB = 2;
const MAX_ZCR = 0.3; // zero crossings per sample above this: unvoiced (fricatives, noise)
const HIST_MIN_DB = -100;
const HIST_BIN_DB = 0.5;
const HIST_BINS = 240;

/** Second-order section, direct form I. */
class Biquad {
  private x1 = 0; private x2 = 0; private y1 = 0; private y2 = 0;
  constructor(private b0: number, private b1: number, private b2: number, private a1: number, private a2: number) {}
  static highpass(fc: number, fs: number, q = Math.SQRT1_2): Biquad {
    const w = (2 * Math.PI * fc) / fs; const a = Math.sin(w) / (2 * q); const c = Math.cos(w); const a0 = 1 + a;
    return new Biquad((1 + c) / 2 / a0, -(1 + c) / a0, (1 + c) / 2 / a0, (-2 * c) / a0, (1 - a) / a0);
  }
  static lowpass(fc: number, fs: number, q = Math.SQRT1_2): Biquad {
    const w = (2 * Math.PI * fc) / fs; const a = Math.sin(w) / (2 * q); const c = Math.cos(w); const a0 = 1 + a;
    return new Biquad((1 - c) / 2 / a0, (1 - c) / a0, (1 - c) / 2 / a0, (-2 * c) / a0, (1 - a) / a0);
  }
  step(x: number): number {
    const y = this.b0 * x + this.b1 * this.x1 + this.b2 * this.x2 - this.a1 * this.y1 - this.a2 * this.y2;
    this.x2 = this.x1; this.x1 = x; this.y2 = this.y1; this.y1 = y;
    return y;
  }
}

export class SyllableNuclei {
  private readonly hp = Biquad.highpass(250, 16000);
  private readonly lp = Biquad.lowpass(3000, 16000);
  private readonly hopEnergy = new Float64Array(WINDOW_HOPS);
  private hopIndex = 0;
  private hopFill = 0;
  private hopSum = 0;
  private hopZc = 0;
  private prevSign = 0;
  private readonly hist = new Uint32Array(HIST_BINS);
  private histCount = 0;
  private valley = Infinity;
  private candidate = -Infinity;

  /**
   * Feeds one frame (any multiple of HOP samples) of my audio with whether it
   * is my speech. Returns how many nuclei were confirmed inside this frame.
   */
  push(frame: Float32Array, speech: boolean): number {
    let count = 0;
    for (let i = 0; i < frame.length; i++) {
      const y = this.lp.step(this.hp.step(frame[i]));
      this.hopSum += y * y;
      const sign = frame[i] >= 0 ? 1 : -1;
      if (sign !== this.prevSign) this.hopZc++;
      this.prevSign = sign;
      if (++this.hopFill === HOP) {
        count += this.hop(this.hopSum / HOP, this.hopZc / HOP, speech);
        this.hopFill = 0;
        this.hopSum = 0;
        this.hopZc = 0;
      }
    }
    return count;
  }

  private hop(energy: number, zcr: number, speech: boolean): number {
    this.hopEnergy[this.hopIndex++ % WINDOW_HOPS] = energy;
    let e = 0;
    for (let i = 0; i < WINDOW_HOPS; i++) e += this.hopEnergy[i];
    const db = 10 * Math.log10(e / WINDOW_HOPS + 1e-12);
    if (speech) this.addToHistogram(db);
    const threshold = this.medianDb();
    let confirmed = 0;
    if (this.candidate > -Infinity && db <= this.candidate - DIP_DB) {
      confirmed = 1;
      this.candidate = -Infinity;
      this.valley = db;
      return confirmed;
    }
    if (this.candidate === -Infinity) {
      this.valley = Math.min(this.valley, db);
      if (speech && zcr <= MAX_ZCR && db > threshold && db >= this.valley + DIP_DB) this.candidate = db;
    } else if (db > this.candidate) {
      this.candidate = db;
    }
    if (!speech && this.candidate === -Infinity) this.valley = Math.min(this.valley, db);
    return confirmed;
  }

  private addToHistogram(db: number): void {
    const bin = Math.min(HIST_BINS - 1, Math.max(0, Math.floor((db - HIST_MIN_DB) / HIST_BIN_DB)));
    this.hist[bin]++;
    this.histCount++;
  }

  /** Median intensity of my speech so far. */
  private medianDb(): number {
    if (this.histCount < 25) return Infinity; // need ~0.2 s of speech first
    let acc = 0;
    const half = this.histCount / 2;
    for (let b = 0; b < HIST_BINS; b++) {
      acc += this.hist[b];
      if (acc >= half) return HIST_MIN_DB + (b + 0.5) * HIST_BIN_DB;
    }
    return Infinity;
  }
}
