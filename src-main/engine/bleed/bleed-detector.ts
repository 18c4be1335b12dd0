// Bleed: without headphones the microphone also hears the other side from
// the speakers, attenuated and delayed (~10-50 ms, plus room echo). Such
// sound is not "me" (METRICS.md) and must go before segmentation.
//
// Two tests, either of which marks a mic frame as bleed:
// 1. Correlation: the mic frame is compared with the recent system audio by
//    normalised cross-correlation over lags 0..MAX_LAG. Pure bleed is a
//    filtered copy of the system audio, so some lag correlates strongly; my
//    own voice over it (double talk) is louder at the mic and does not. The
//    best lag is tracked so most frames search only a small window. The
//    products at every lag are summed in C++ (native/kernels/xcorr): in
//    TypeScript they were 40% of the pipeline thread's time.
// 2. Band energy: room echo smears the copy so that correlation alone misses
//    frames. From the frames that correlation is sure of, the speaker-to-mic
//    coupling is learnt per frequency band (median of mic power over the
//    echo-smeared system power). A frame is bleed when no more than one band
//    rises clearly above what that coupling predicts; my own voice, close to
//    the mic and with its own spectrum, lifts several bands far above it.
//    With headphones nothing correlates, nothing is learnt, nothing flagged.
import { xcorr } from '../../../native/lib/xcorr';
import { BAND_COUNT, BandAnalyzer } from '../dsp/band-energies';
import { VAD_FRAME, VAD_RATE } from '../vad/frames';

export const BLEED_MAX_LAG_SEC = 0.08;
/** |NCC| at or above this: the mic frame is mostly the other side. */
export const BLEED_NCC = 0.5;
const SYSTEM_SILENT_RMS = 3e-4; // about -70 dBFS
const TRACK_RADIUS = 48;
const FULL_SEARCH_EVERY = 16;
/** Frames of system history the echo can still come from (~224 ms). */
const ECHO_FRAMES = 7;
/** How much of a system frame's power is still in the room one frame later. */
const ECHO_DECAY = 0.5;
/** A band this far above the predicted bleed (8 dB) carries my voice. */
export const BAND_MARGIN = 6.3;
/** This many such bands make the frame mine. */
const OWN_VOICE_BANDS = 3;
const COUPLING_PERCENTILE = 0.5;
const COUPLING_MIN_FRAMES = 10;
const RATIO_BINS = 200; // 0.5 dB bins from -80 dB to +20 dB
const BAND_FLOOR = 1e-9; // band power that is no sound at all

export class BleedDetector {
  private readonly maxLag = Math.round(BLEED_MAX_LAG_SEC * VAD_RATE);
  /** The last maxLag + frame samples of the system channel. */
  private readonly history: Float32Array;
  private trackedLag = -1;
  private sinceFull = 0;
  private readonly bands = new BandAnalyzer(VAD_RATE);
  /** The last ECHO_FRAMES system frames, their band powers, and whether those are worked out yet. */
  private readonly sysFrames = Array.from({ length: ECHO_FRAMES }, () => new Float32Array(VAD_FRAME));
  private readonly sysBands = Array.from({ length: ECHO_FRAMES }, () => new Float64Array(BAND_COUNT));
  private readonly sysFresh = new Uint8Array(ECHO_FRAMES).fill(1);
  /** micBands and sysRecent hold the current frame's figures. */
  private bandsReady = false;
  private sysIndex = 0;
  private readonly sysRecent = new Float64Array(BAND_COUNT);
  private readonly micBands = new Float64Array(BAND_COUNT);
  private sysNowPower = 0;
  private readonly ratioHist = Array.from({ length: BAND_COUNT }, () => new Uint32Array(RATIO_BINS));
  private ratioCount = 0;
  private readonly couplingCache = new Float64Array(BAND_COUNT);
  private couplingStale = true;
  lastNcc = 0;
  lastOwnBands = 0;
  /** The mic frame's products with the system audio at each lag searched. */
  private readonly dots: Float64Array;

  constructor() {
    this.history = new Float32Array(this.maxLag + VAD_FRAME);
    this.dots = new Float64Array(this.maxLag + 1);
  }

  /** Feed every system frame, in order, before the mic frame of the same time. */
  pushSystem(frame: Float32Array): void {
    this.history.copyWithin(0, VAD_FRAME);
    this.history.set(frame, this.history.length - VAD_FRAME);
    // its bands are worked out only if a mic frame needs them (bands())
    const slot = this.sysIndex++ % ECHO_FRAMES;
    this.sysFrames[slot].set(frame);
    this.sysFresh[slot] = 0;
    this.bandsReady = false;
    let e = 0;
    for (let i = 0; i < frame.length; i++) e += frame[i] * frame[i];
    this.sysNowPower = e / frame.length;
  }

  /** The band powers of the mic frame and the echo-smeared system power, for the band test. */
  private analyseBands(mic: Float32Array): void {
    if (this.bandsReady) return;
    this.bands.analyze(mic, this.micBands);
    for (let j = 0; j < ECHO_FRAMES; j++) {
      if (this.sysFresh[j]) continue;
      this.bands.analyze(this.sysFrames[j], this.sysBands[j]);
      this.sysFresh[j] = 1;
    }
    // Echo-smeared system power: the newest frame plus decaying older ones.
    for (let k = 0; k < BAND_COUNT; k++) {
      let m = 0;
      let w = 1;
      for (let j = 0; j < ECHO_FRAMES; j++, w *= ECHO_DECAY) m += w * this.sysBands[(this.sysIndex - 1 - j + ECHO_FRAMES * 2) % ECHO_FRAMES][k];
      this.sysRecent[k] = m;
    }
    this.bandsReady = true;
  }

  /** Learns the coupling from a frame that correlation says is bleed. */
  private learn(mic: Float32Array): void {
    if (this.sysNowPower < SYSTEM_SILENT_RMS ** 2 * 100) return;
    this.analyseBands(mic);
    for (let k = 0; k < BAND_COUNT; k++) {
      if (this.sysRecent[k] < BAND_FLOOR) continue;
      const db = 10 * Math.log10(this.micBands[k] / this.sysRecent[k] + 1e-12);
      const bin = Math.min(RATIO_BINS - 1, Math.max(0, Math.floor((db + 80) / 0.5)));
      this.ratioHist[k][bin]++;
    }
    this.ratioCount++;
    this.couplingStale = true;
  }

  /** Learnt mic/system power coupling per band, or null until enough of their speech was heard. */
  coupling(): Float64Array | null {
    if (this.ratioCount < COUPLING_MIN_FRAMES) return null;
    if (this.couplingStale) {
      for (let k = 0; k < BAND_COUNT; k++) {
        const h = this.ratioHist[k];
        let total = 0;
        for (let b = 0; b < RATIO_BINS; b++) total += h[b];
        let acc = 0;
        let bin = 0;
        for (; bin < RATIO_BINS; bin++) {
          acc += h[bin];
          if (acc >= total * COUPLING_PERCENTILE) break;
        }
        this.couplingCache[k] = 10 ** ((-80 + (bin + 0.5) * 0.5) / 10);
      }
      this.couplingStale = false;
    }
    return this.couplingCache;
  }

  /** Is this mic frame (of the time of the last pushSystem) the other side coming back through the speakers? */
  isBleed(mic: Float32Array): boolean {
    this.lastNcc = 0;
    this.lastOwnBands = 0;
    let es = 0;
    for (let i = 0; i < this.history.length; i++) es += this.history[i] * this.history[i];
    if (Math.sqrt(es / this.history.length) < SYSTEM_SILENT_RMS) return false;
    if (this.correlates(mic)) {
      this.learn(mic);
      return true;
    }
    const c = this.coupling();
    if (!c) return false;
    this.analyseBands(mic);
    let own = 0;
    for (let k = 0; k < BAND_COUNT; k++) {
      const predicted = c[k] * this.sysRecent[k];
      if (this.micBands[k] > BAND_FLOOR && this.micBands[k] > predicted * BAND_MARGIN) own++;
    }
    this.lastOwnBands = own;
    return own < OWN_VOICE_BANDS;
  }

  private correlates(mic: Float32Array): boolean {
    const h = this.history;
    const n = VAD_FRAME;
    let em = 0;
    for (let i = 0; i < n; i++) em += mic[i] * mic[i];
    if (em <= 0) return false;
    let lo = 0;
    let hi = this.maxLag;
    const full = this.trackedLag < 0 || ++this.sinceFull >= FULL_SEARCH_EVERY;
    if (!full) {
      lo = Math.max(0, this.trackedLag - TRACK_RADIUS);
      hi = Math.min(this.maxLag, this.trackedLag + TRACK_RADIUS);
    } else this.sinceFull = 0;
    const base = h.length - n; // index of lag 0
    // dots[lag - lo]: the frame against the system audio `lag` samples earlier
    xcorr(mic, h, base - lo, hi - lo + 1, this.dots);
    let best = 0;
    let bestLag = -1;
    // energy of the system window at each lag, slid one sample per lag
    let e = 0;
    for (let i = 0; i < n; i++) e += h[base - lo + i] * h[base - lo + i];
    for (let lag = lo; lag <= hi; lag++) {
      const off = base - lag;
      if (lag > lo) {
        const enter = h[off];
        const leave = h[off + n];
        e = Math.max(0, e + enter * enter - leave * leave);
      }
      const dot = this.dots[lag - lo];
      if (e <= 1e-20) continue;
      const ncc = Math.abs(dot) / Math.sqrt(em * e);
      if (ncc > best) {
        best = ncc;
        bestLag = lag;
      }
    }
    this.lastNcc = best;
    if (best >= BLEED_NCC) this.trackedLag = bestLag;
    return best >= BLEED_NCC;
  }
}
