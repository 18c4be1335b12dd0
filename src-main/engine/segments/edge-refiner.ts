// Moves each speech/no-speech edge of one side's VAD decisions to where the
// sound starts and stops. Silero decides per 32 ms frame, and its hysteresis
// turns on a frame or more after the onset and holds ~0.1 s past the offset.
// Here every frame is split into 8 ms cells with their energy; a noise floor
// is tracked (falls at once, rises 3 dB/s and only outside speech). Around
// each edge, a cell is sound when it is 10 dB above that floor and no more
// than 35 dB below the loudest cell next to the edge:
//  - an onset moves back over the sound just before it (at most 0.3 s), or,
//    when the VAD turned on over near-silence, forward to the first sound;
//  - an offset moves back over the quiet cells of the hangover (at most
//    0.3 s), or forward over sound that is still going on (at most 0.1 s).
// An edge is refined once 0.2 s of audio after it has been seen, so the
// refined decisions come out with a fixed look-behind of 0.5 s, live and
// offline alike. The two dB values were chosen on the synthetic calls and
// the AMI excerpts together (bench/timing.ts). Cells marked `foreign` (the
// other side audible, so sound on the mic may be their voice through the
// speakers) are never claimed as speech; edges only move inward over them.

export const CELL = 128;
/** Decisions leave the refiner this many seconds behind the audio. */
export const EDGE_LOOK_BEHIND_SEC = 0.5;
const SEARCH_BACK_SEC = 0.3;
const SEARCH_AHEAD_SEC = 0.2;
const EXTEND_SEC = 0.1;
const NUDGE_SEC = 0.032;
/** Sound is this far above the noise floor (10 dB) ... */
const FLOOR_MARGIN = 10 ** (10 / 10);
/** ... and no more than this far below the edge's loudest cell (35 dB). */
const PEAK_RANGE = 10 ** (-35 / 10);
const FLOOR_RISE_DB_PER_SEC = 3;
/** The floor never goes below this (-90 dBFS): digital silence has no noise to track. */
const FLOOR_MIN = 1e-9;

/** A run of cells with one decision, as handed to the segmenter. */
export interface DecisionRun {
  t0: number;
  t1: number;
  speech: boolean;
  syllables: number;
}

interface Edge {
  cell: number;
  on: boolean;
}

export class EdgeRefiner {
  private readonly cellSec: number;
  private readonly back: number;
  private readonly ahead: number;
  private readonly extend: number;
  private readonly nudge: number;
  private readonly rise: number;
  /**
   * The cells held, from stream index `base` on, at array positions `head`
   * on: energy, the floor before it, VAD decision, refined decision,
   * foreign, syllables. Compacted to position 0 when the arrays fill up.
   */
  private readonly cap: number;
  private readonly energy: Float64Array;
  private readonly floorAt: Float64Array;
  private readonly raw: Uint8Array;
  private readonly label: Uint8Array;
  private readonly foreign: Uint8Array;
  private readonly syl: Uint16Array;
  private head = 0;
  private count = 0;
  private base = 0;
  private floor = -1;
  private lastRaw = false;
  private readonly edges: Edge[] = [];
  /** The refined onset of the speech now open (a trimmed offset never goes before it). */
  private openedAt = 0;

  constructor(readonly rate = 16000) {
    this.cellSec = CELL / rate;
    const cells = (sec: number): number => Math.round(sec / this.cellSec);
    this.back = cells(SEARCH_BACK_SEC);
    this.ahead = cells(SEARCH_AHEAD_SEC);
    this.extend = cells(EXTEND_SEC);
    this.nudge = cells(NUDGE_SEC);
    this.rise = 10 ** ((FLOOR_RISE_DB_PER_SEC * this.cellSec) / 10);
    this.cap = 4 * (this.back + this.ahead + 64);
    this.energy = new Float64Array(this.cap);
    this.floorAt = new Float64Array(this.cap);
    this.raw = new Uint8Array(this.cap);
    this.label = new Uint8Array(this.cap);
    this.foreign = new Uint8Array(this.cap);
    this.syl = new Uint16Array(this.cap);
  }

  private append(e: number, floor: number, speech: boolean, foreign: boolean, syllables: number): void {
    if (this.head + this.count === this.cap) {
      for (const a of [this.energy, this.floorAt, this.raw, this.label, this.foreign, this.syl]) a.copyWithin(0, this.head, this.head + this.count);
      this.head = 0;
    }
    const j = this.head + this.count++;
    this.energy[j] = e;
    this.floorAt[j] = floor;
    this.raw[j] = speech ? 1 : 0;
    this.label[j] = speech ? 1 : 0;
    this.foreign[j] = foreign ? 1 : 0;
    this.syl[j] = syllables;
  }

  /** Array position of stream cell i. */
  private at(i: number): number {
    return this.head + i - this.base;
  }

  /** One frame's samples with its VAD decision; returns the decisions that are now final. */
  push(frame: Float32Array, speech: boolean, syllables = 0, foreign = false): DecisionRun[] {
    const n = Math.floor(frame.length / CELL);
    for (let c = 0; c < n; c++) {
      let e = 0;
      for (let i = c * CELL; i < (c + 1) * CELL; i++) e += frame[i] * frame[i];
      e /= CELL;
      const index = this.base + this.count;
      if (this.floor < 0) this.floor = Math.max(FLOOR_MIN, e);
      this.append(e, this.floor, speech, foreign, c === n - 1 ? syllables : 0);
      if (e < this.floor) this.floor = Math.max(FLOOR_MIN, e);
      else if (!speech) this.floor *= this.rise;
      if (speech !== this.lastRaw) this.edges.push({ cell: index, on: speech });
      this.lastRaw = speech;
    }
    this.refineReady(false);
    return this.emit(this.base + this.count - this.back - this.ahead);
  }

  /** The rest, at the end of the stream. */
  flush(): DecisionRun[] {
    this.refineReady(true);
    return this.emit(this.base + this.count);
  }

  private refineReady(all: boolean): void {
    const end = this.base + this.count;
    while (this.edges.length && (all || this.edges[0].cell + this.ahead <= end)) {
      const edge = this.edges.shift()!;
      if (edge.on) this.refineOnset(edge.cell, end);
      else this.refineOffset(edge.cell, end);
    }
  }

  private e(i: number): number {
    return this.energy[this.at(i)];
  }

  private threshold(edge: number, from: number, to: number): number {
    let peak = 0;
    for (let i = Math.max(from, this.base); i < to; i++) peak = Math.max(peak, this.e(i));
    return Math.max(this.floorAt[this.at(Math.max(this.base, edge - 1))] * FLOOR_MARGIN, peak * PEAK_RANGE);
  }

  private set(from: number, to: number, speech: boolean): void {
    for (let i = from; i < to; i++) this.label[this.at(i)] = speech ? 1 : 0;
  }

  private refineOnset(c: number, end: number): void {
    const thr = this.threshold(c, c, Math.min(end, c + this.ahead));
    const low = Math.max(this.base, c - this.back);
    let a = c;
    while (a > low && !this.label[this.at(a - 1)] && !this.foreign[this.at(a - 1)] && this.e(a - 1) > thr) a--;
    if (a < c) this.set(a, c, true);
    else {
      const high = Math.min(end - 1, c + this.nudge);
      while (a < high && this.raw[this.at(a)] && this.e(a) <= thr) a++;
      if (this.raw[this.at(a)]) this.set(c, a, false);
      else a = c;
    }
    this.openedAt = a;
  }

  private refineOffset(c: number, end: number): void {
    const thr = this.threshold(c, c - this.ahead, c);
    const low = Math.max(this.base, c - this.back, this.openedAt + 1);
    let b = c;
    while (b > low && this.e(b - 1) <= thr) b--;
    if (b < c) {
      this.set(b, c, false);
      return;
    }
    const high = Math.min(end, c + this.extend);
    while (b < high && !this.raw[this.at(b)] && !this.foreign[this.at(b)] && this.e(b) > thr) b++;
    this.set(c, b, true);
  }

  /** Hands over every cell before `upTo` as runs of equal decisions, and forgets them. */
  private emit(upTo: number): DecisionRun[] {
    const k = Math.min(upTo - this.base, this.count);
    if (k <= 0) return [];
    const out: DecisionRun[] = [];
    for (let i = 0; i < k; i++) {
      const t0 = (this.base + i) * this.cellSec;
      const j = this.head + i;
      const speech = this.label[j] === 1;
      const last = out[out.length - 1];
      if (last && last.speech === speech) {
        last.t1 = t0 + this.cellSec;
        last.syllables += this.syl[j];
      } else out.push({ t0, t1: t0 + this.cellSec, speech, syllables: this.syl[j] });
    }
    this.base += k;
    this.head += k;
    this.count -= k;
    return out;
  }
}
