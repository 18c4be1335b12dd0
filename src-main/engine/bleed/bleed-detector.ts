// Bleed: without headphones the microphone also hears the other side from
// the speakers, attenuated and delayed (~10-50 ms, plus room echo). Such
// sound is not "me" (METRICS.md) and must go before segmentation.
//
// Detection: when the system channel is sounding, the mic frame is compared
// with the recent system audio by normalised cross-correlation over lags
// 0..MAX_LAG. Pure bleed is a filtered copy of the system audio, so some lag
// correlates strongly; my own voice over it (double talk) is louder at the
// mic and does not correlate with the system channel. The best lag is
// tracked so most frames search only a small window around it.
import { VAD_FRAME, VAD_RATE } from '../vad/silero-vad';

export const BLEED_MAX_LAG_SEC = 0.08;
/** |NCC| at or above this: the mic frame is mostly the other side. */
export const BLEED_NCC = 0.35;
const SYSTEM_SILENT_RMS = 3e-4; // about -70 dBFS
const TRACK_RADIUS = 48;
const FULL_SEARCH_EVERY = 16;

export class BleedDetector {
  private readonly maxLag = Math.round(BLEED_MAX_LAG_SEC * VAD_RATE);
  /** The last maxLag + frame samples of the system channel. */
  private readonly history: Float32Array;
  private trackedLag = -1;
  private sinceFull = 0;
  lastNcc = 0;

  constructor() {
    this.history = new Float32Array(this.maxLag + VAD_FRAME);
  }

  /** Feed every system frame, in order, before asking about the mic frame of the same time. */
  pushSystem(frame: Float32Array): void {
    this.history.copyWithin(0, VAD_FRAME);
    this.history.set(frame, this.history.length - VAD_FRAME);
  }

  /** Is this mic frame the other side's voice coming back through the speakers? */
  isBleed(mic: Float32Array): boolean {
    this.lastNcc = 0;
    const h = this.history;
    const n = VAD_FRAME;
    // The system channel must have sounded within the lag window.
    let es = 0;
    for (let i = 0; i < h.length; i++) es += h[i] * h[i];
    if (Math.sqrt(es / h.length) < SYSTEM_SILENT_RMS) return false;
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
    let best = 0;
    let bestLag = -1;
    for (let lag = lo; lag <= hi; lag++) {
      const off = base - lag;
      let dot = 0;
      let e = 0;
      for (let i = 0; i < n; i++) {
        const s = h[off + i];
        dot += mic[i] * s;
        e += s * s;
      }
      if (e <= 0) continue;
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
