// Speech on and off from per-frame speech probabilities, with two thresholds
// so a probability hovering near one does not flicker.
/** Speech on at p >= 0.5, off below 0.35: silero-vad's own thresholds. */
export class Hysteresis {
  private speaking = false;
  constructor(readonly on = 0.5, readonly off = 0.35) {}
  step(p: number): boolean {
    if (!this.speaking && p >= this.on) this.speaking = true;
    else if (this.speaking && p < this.off) this.speaking = false;
    return this.speaking;
  }
}
