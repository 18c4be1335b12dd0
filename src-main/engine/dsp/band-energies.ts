// Power in a few mel-spaced bands of a 512-sample frame (Hann window). Used
// to compare the mic with the system channel band by band.
//
// The frame is real, so its spectrum comes from one complex FFT of half the
// size: even samples as the real part, odd ones as the imaginary part, then
// one pass that separates the two halves (the standard "real FFT by a
// half-length complex FFT"). Only the bins the bands use are formed.
export const FFT_SIZE = 512;
export const BAND_COUNT = 16;

const HALF = FFT_SIZE / 2;
const mel = (f: number): number => 2595 * Math.log10(1 + f / 700);
const imel = (m: number): number => 700 * (10 ** (m / 2595) - 1);

export class BandAnalyzer {
  private readonly re = new Float64Array(HALF);
  private readonly im = new Float64Array(HALF);
  private readonly window = new Float64Array(FFT_SIZE);
  /** Twiddles of the half-size FFT: e^{-2 pi i k / HALF}. */
  private readonly cos = new Float64Array(HALF / 2);
  private readonly sin = new Float64Array(HALF / 2);
  /** Twiddles of the split pass: e^{-2 pi i k / FFT_SIZE}. */
  private readonly splitCos = new Float64Array(HALF);
  private readonly splitSin = new Float64Array(HALF);
  private readonly rev = new Uint16Array(HALF);
  /** First FFT bin of each band, and one past the last band's end. */
  readonly edges: number[];

  constructor(rate = 16000, lo = 100, hi = 7000) {
    for (let i = 0; i < FFT_SIZE; i++) this.window[i] = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / FFT_SIZE);
    for (let k = 0; k < HALF / 2; k++) {
      this.cos[k] = Math.cos((2 * Math.PI * k) / HALF);
      this.sin[k] = -Math.sin((2 * Math.PI * k) / HALF);
    }
    for (let k = 0; k < HALF; k++) {
      this.splitCos[k] = Math.cos((2 * Math.PI * k) / FFT_SIZE);
      this.splitSin[k] = -Math.sin((2 * Math.PI * k) / FFT_SIZE);
    }
    const bits = Math.log2(HALF);
    for (let i = 0; i < HALF; i++) {
      let r = 0;
      for (let b = 0; b < bits; b++) r |= ((i >> b) & 1) << (bits - 1 - b);
      this.rev[i] = r;
    }
    const m0 = mel(lo);
    const m1 = mel(hi);
    this.edges = Array.from({ length: BAND_COUNT + 1 }, (_, k) => Math.round((imel(m0 + ((m1 - m0) * k) / BAND_COUNT) / rate) * FFT_SIZE));
    for (let k = 1; k < this.edges.length; k++) this.edges[k] = Math.max(this.edges[k], this.edges[k - 1] + 1);
    if (this.edges[BAND_COUNT] > HALF) throw new RangeError(`bands up to ${hi} Hz need bins past Nyquist at ${rate} Hz`);
  }

  /** Mean power per band of one frame, into out (length BAND_COUNT). */
  analyze(frame: Float32Array, out: Float64Array): void {
    const { re, im, window: w } = this;
    for (let m = 0; m < HALF; m++) {
      const j = this.rev[m];
      re[j] = (frame[2 * m] ?? 0) * w[2 * m];
      im[j] = (frame[2 * m + 1] ?? 0) * w[2 * m + 1];
    }
    for (let size = 2; size <= HALF; size <<= 1) {
      const half = size >> 1;
      const step = HALF / size;
      for (let start = 0; start < HALF; start += size) {
        for (let k = 0; k < half; k++) {
          const wr = this.cos[k * step];
          const wi = this.sin[k * step];
          const a = start + k;
          const b = a + half;
          const tr = re[b] * wr - im[b] * wi;
          const ti = re[b] * wi + im[b] * wr;
          re[b] = re[a] - tr;
          im[b] = im[a] - ti;
          re[a] += tr;
          im[a] += ti;
        }
      }
    }
    for (let band = 0; band < BAND_COUNT; band++) {
      let p = 0;
      for (let k = this.edges[band]; k < this.edges[band + 1]; k++) p += this.power(k);
      out[band] = p / ((this.edges[band + 1] - this.edges[band]) * FFT_SIZE);
    }
  }

  /** |X[k]|^2 of the full-size spectrum (0 <= k < HALF) from the half-size one. */
  private power(k: number): number {
    const { re, im } = this;
    const j = k === 0 ? 0 : HALF - k;
    const evenR = (re[k] + re[j]) / 2;
    const evenI = (im[k] - im[j]) / 2;
    const oddR = (im[k] + im[j]) / 2;
    const oddI = -(re[k] - re[j]) / 2;
    const wr = this.splitCos[k];
    const wi = this.splitSin[k];
    const xr = evenR + wr * oddR - wi * oddI;
    const xi = evenI + wr * oddI + wi * oddR;
    return xr * xr + xi * xi;
  }
}
