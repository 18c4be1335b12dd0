// Which frames the VAD model may skip: those that are provably silent. Most
// of a call is one side listening, and a system-audio channel is digital
// silence whenever nobody on the far end talks, so about a third of the
// model calls of a two-channel call can be saved without changing a
// decision.
//
// A frame is skipped only when all of these hold:
//  - the model itself, on the last frame it saw, put speech far below the
//    pipeline's off threshold (QUIET_P), so a skip never cuts speech short;
//  - the stream has been that quiet for SETTLE_FRAMES, so the model's
//    recurrent state has settled on "silence" before it is frozen. Silero
//    remembers for seconds: after 2 s of silence it takes a burst of room
//    noise for speech at once, after 4 s it waits for the voice. A state
//    frozen any earlier would make the model quicker to fire than it is;
//    frozen after 5 s it answers as it would after any longer silence;
//  - the frame's energy is within MARGIN_DB of the tracked noise floor (or
//    digital silence): nothing new has started. Speech, even a quiet
//    speaker's, rises well above the floor in its first frames, and the
//    model runs again from that frame on.
// The noise floor is the quietest frame of the last FLOOR_WINDOW (minimum
// statistics): speech pauses for breath within that long, so the floor is
// the room's, and a fan switched on is learnt within it. Digital silence
// (nobody on the line) says nothing about the room and is left out.

/** The model's speech probability below which a stream counts as quiet. */
export const QUIET_P = 0.05;
/** Quiet frames in a row before frames may be skipped (5 s: see above). */
export const SETTLE_FRAMES = 160;
/** A frame this close to the noise floor carries nothing new. */
export const MARGIN_DB = 3;
/** Frames over which the floor is the minimum (2 s). */
export const FLOOR_WINDOW = 64;
/** Mean square below this (-100 dBFS) is digital silence. */
const DIGITAL_SILENCE = 1e-10;

export class SilenceGate {
  private readonly recentDb = new Float64Array(FLOOR_WINDOW).fill(Infinity);
  private recentAt = 0;
  private quietFrames = 0;
  private lastP = 1;
  skipped = 0;
  frames = 0;

  /** Decides for the next frame; returns true when the model need not run. */
  skip(frame: Float32Array): boolean {
    return this.decide(this.measure(frame));
  }

  /**
   * The next frame's energy against the noise floor (which it updates):
   * true when it is flat, nothing new. Depends on the audio alone, so it may
   * run ahead of decide() and observe().
   */
  measure(frame: Float32Array): boolean {
    let ms = 0;
    for (let i = 0; i < frame.length; i++) ms += frame[i] * frame[i];
    ms /= frame.length;
    const db = 10 * Math.log10(ms + 1e-14);
    const digital = ms < DIGITAL_SILENCE;
    let floorDb = Infinity;
    if (!digital) {
      this.recentDb[this.recentAt++ % FLOOR_WINDOW] = db;
      for (let i = 0; i < FLOOR_WINDOW; i++) floorDb = Math.min(floorDb, this.recentDb[i]);
    }
    this.frames++;
    return digital || db <= floorDb + MARGIN_DB;
  }

  /** Decides for the frame measure() called flat or not; every frame the model runs on is then observe()d, in order. */
  decide(flat: boolean): boolean {
    const skip = flat && this.lastP < QUIET_P && this.quietFrames >= SETTLE_FRAMES;
    if (!flat) this.quietFrames = 0;
    if (skip) {
      this.skipped++;
      this.quietFrames++;
    }
    return skip;
  }

  /**
   * Whether decide(flat) could skip once the frames `before` (the flat flags
   * of frames already sent to the model, not yet decided and observed) are:
   * false proves the model runs on this frame whatever their probabilities
   * are; with none before, it is decide's own answer.
   */
  couldSkip(flat: boolean, before: readonly boolean[]): boolean {
    if (!flat) return false;
    let quiet = this.quietFrames;
    for (const f of before) quiet = f ? quiet + 1 : 1; // at most: each one observed quiet
    return (before.length > 0 || this.lastP < QUIET_P) && quiet >= SETTLE_FRAMES;
  }

  /** The model's probability for a frame it ran on. */
  observe(p: number): void {
    this.lastP = p;
    this.quietFrames = p < QUIET_P ? this.quietFrames + 1 : 0;
  }

  /** What a skipped frame reports: the model's last (quiet) probability. */
  get quietProbability(): number {
    return this.lastP;
  }
}
