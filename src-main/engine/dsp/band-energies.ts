// Power in a few mel-spaced bands of a 512-sample frame (Hann window, radix-2
// FFT). Used to compare the mic with the system channel band by band.
export const FFT_SIZE = 512;
export const BAND_COUNT = 16;

const mel = (f: number): number => 2595 * Math.log10(1 + f / 700);
const imel = (m: number): number => 700 * (10 ** (m / 2595) - 1);

export class BandAnalyzer {
  private readonly re = new Float64Array(FFT_SIZE);
  private readonly im = new Float64Array(FFT_SIZE);
  private readonly window = new Float64Array(FFT_SIZE);
  private readonly cos = new Float64Array(FFT_SIZE / 2);
  private readonly sin = new Float64Array(FFT_SIZE / 2);
  private readonly rev = new Uint16Array(FFT_SIZE);
  /** First FFT bin of each band, and one past the last band's end. */
  readonly edges: number[];

  constructor(rate = 16000, lo = 100, hi = 7000) {
    for (let i = 0; i < FFT_SIZE; i++) this.window[i] = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / FFT_SIZE);
    for (let i = 0; i < FFT_SIZE / 2; i++) {
      this.cos[i] = Math.cos((2 * Math.PI * i) / FFT_SIZE);
      this.sin[i] = -Math.sin((2 * Math.PI * i) / FFT_SIZE);
    }
    const bits = Math.log2(FFT_SIZE);
    for (let i = 0; i < FFT_SIZE; i++) {
      let r = 0;
      for (let b = 0; b < bits; b++) r |= ((i >> b) & 1) << (bits - 1 - b);
      this.rev[i] = r;
    }
    const m0 = mel(lo);
    const m1 = mel(hi);
    this.edges = Array.from({ length: BAND_COUNT + 1 }, (_, k) => Math.round((imel(m0 + ((m1 - m0) * k) / BAND_COUNT) / rate) * FFT_SIZE));
    for (let k = 1; k < this.edges.length; k++) this.edges[k] = Math.max(this.edges[k], this.edges[k - 1] + 1);
  }

  /** Mean power per band of one frame, into out (length BAND_COUNT). */
  analyze(frame: Float32Array, out: Float64Array): void {
    const { re, im } = this;
    for (let i = 0; i < FFT_SIZE; i++) {
      re[this.rev[i]] = (frame[i] ?? 0) * this.window[i];
      im[this.rev[i]] = 0;
    }
    for (let size = 2; size <= FFT_SIZE; size <<= 1) {
      const half = size >> 1;
      const step = FFT_SIZE / size;
      for (let start = 0; start < FFT_SIZE; start += size) {
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
    for (let k = 0; k < BAND_COUNT; k++) {
      let p = 0;
      for (let i = this.edges[k]; i < this.edges[k + 1]; i++) p += re[i] * re[i] + im[i] * im[i];
      out[k] = p / ((this.edges[k + 1] - this.edges[k]) * FFT_SIZE);
    }
  }
}
