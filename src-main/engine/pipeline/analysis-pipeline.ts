// The one streaming path from 16 kHz PCM to segments and metrics, shared by
// live capture and file analysis: a file is replayed through it in chunks.
//   PCM per side -> blocks of 32 ms frames -> Silero VAD (vad/vad-runner.ts:
//   in this thread or in worker threads; provably silent frames skipped)
//   -> hysteresis -> bleed removal on the mic -> syllable nuclei (me)
//   -> edge refinement per side (fixed 0.5 s look-behind)
//   -> segmenter per side -> timing metrics
import { EventEmitter } from 'node:events';
import { idleSnapshot, type LiveSnapshot } from '../../contract/live';
import type { AnalysisReport, Segments, Side, Span } from '../../contract/report';
import { BleedDetector } from '../bleed/bleed-detector';
import { currentMonologue } from '../metrics/monologue';
import { acousticPace } from '../metrics/pace';
import { participantsFromSegments } from '../metrics/participants';
import { round } from '../metrics/spans';
import { SyllableNuclei } from '../metrics/syllable-nuclei';
import { computeTimingMetrics } from '../metrics/timing-metrics';
import { EdgeRefiner, type DecisionRun } from '../segments/edge-refiner';
import { Segmenter, type SegmentRecordLike } from '../segments/segmenter';
import { VAD_FRAME, VAD_FRAME_SEC } from '../vad/frames';
import { Hysteresis } from '../vad/hysteresis';
import type { VadRunner } from '../vad/vad-runner';
import { AudioRing } from './audio-ring';
import { SampleQueue } from './sample-queue';

export interface PipelineOptions {
  sides: Side[];
  vad: VadRunner;
  /** Remove speaker bleed from the mic (default: on when both sides are present). */
  bleed?: boolean;
  /** Keep this many seconds of audio per side for speech recognition (0 = none). */
  keepAudioSec?: number;
  /** Every aligned frame, one per side in `sides` order (keeping the call's audio). */
  onFrames?: (frames: readonly Float32Array[]) => void;
}

export interface ClosedSegmentEvent {
  segment: SegmentRecordLike;
  /** The segment's audio, when keepAudioSec > 0. */
  audio?: { start: number; samples: Float32Array };
}

const RECENT_PACE_SEC = 30;
/**
 * Speech turns on at p >= SPEECH_ON and off below SPEECH_OFF. Chosen on the
 * AMI excerpts' human references (frame-level F1 of the four pooled, one
 * value for all): silero's own 0.5 / 0.35 miss quiet far-field turns. The
 * synthetic calls and the bleed cases hold at these values, and the refined
 * edges keep the extra frames from padding segments.
 */
export const SPEECH_ON = 0.2;
export const SPEECH_OFF = 0.1;
/** After their speech the room still rings: the mic may carry their voice this long (frames, ~0.25 s). */
const ECHO_TAIL_FRAMES = 8;

export class AnalysisPipeline extends EventEmitter {
  readonly sides: Side[];
  private readonly queues = new Map<Side, SampleQueue>();
  private readonly hyst = new Map<Side, Hysteresis>();
  private readonly segmenters = new Map<Side, Segmenter>();
  private readonly refiners = new Map<Side, EdgeRefiner>();
  /** Frames since the other side last spoke (for the mic's edges when bleed is possible). */
  private sinceThem = Infinity;
  private readonly rings = new Map<Side, AudioRing>();
  /** The frame being analysed, one view per side. */
  private readonly frames: Float32Array[];
  private readonly bleed: BleedDetector | null;
  private readonly nuclei = new SyllableNuclei();
  private readonly recentNuclei: number[] = [];
  private readonly speaking = { me: false, them: false };
  /** Over frames where the mic sounds: how many, their energy, and the energy of mic minus system. */
  private readonly dup = { active: 0, energy: 0, diff: 0 };
  private frameIndex = 0;
  private finished = false;
  private draining: Promise<void> = Promise.resolve();

  constructor(private readonly opts: PipelineOptions) {
    super();
    if (opts.sides.length === 0 || opts.vad.streams !== opts.sides.length) {
      throw new Error(`pipeline needs one VAD stream per side (${opts.sides.length} sides, ${opts.vad.streams} streams)`);
    }
    this.sides = [...opts.sides];
    for (const s of this.sides) {
      this.queues.set(s, new SampleQueue());
      this.hyst.set(s, new Hysteresis(SPEECH_ON, SPEECH_OFF));
      this.segmenters.set(s, new Segmenter(s));
      this.refiners.set(s, new EdgeRefiner());
      if (opts.keepAudioSec) this.rings.set(s, new AudioRing(opts.keepAudioSec));
    }
    this.frames = this.sides.map(() => new Float32Array(0));
    const both = this.sides.includes('me') && this.sides.includes('them');
    this.bleed = (opts.bleed ?? both) && both ? new BleedDetector() : null;
  }

  /** Seconds of audio processed. */
  get timeSec(): number {
    return this.frameIndex * VAD_FRAME_SEC;
  }

  push(side: Side, samples: Float32Array): void {
    const q = this.queues.get(side);
    if (!q) throw new Error(`this call has no "${side}" side`);
    q.push(samples);
  }

  /** Whole frames that every side has and that process() would analyse now. */
  get bufferedFrames(): number {
    let n = Infinity;
    for (const q of this.queues.values()) n = Math.min(n, Math.floor(q.available / VAD_FRAME));
    return n;
  }

  /**
   * Analyses every whole frame that all sides have. The frames go to the VAD
   * at once, as one block; the rest of the analysis follows in order when
   * its probabilities arrive. The promise settles when all blocks sent so
   * far are analysed; a caller may send the next block before awaiting it,
   * so the VAD threads work while this thread does the rest.
   */
  process(): Promise<void> {
    this.dispatch(this.bufferedFrames);
    return this.draining;
  }

  /** Processes the rest (the shorter side padded with silence) and closes open segments. */
  async finish(): Promise<void> {
    if (this.finished) return;
    let rest = 0;
    for (const q of this.queues.values()) rest = Math.max(rest, Math.ceil(q.available / VAD_FRAME));
    this.dispatch(rest);
    await this.draining;
    this.finished = true;
    for (const [side, seg] of this.segmenters) {
      this.feed(side, this.refiners.get(side)!.flush());
      const done = seg.finish();
      if (done) this.emitClosed(done);
    }
  }

  private dispatch(n: number): void {
    if (n <= 0) return;
    const block = this.sides.map((s) => {
      const b = new Float32Array(n * VAD_FRAME);
      this.queues.get(s)!.take(b);
      return b;
    });
    const probs = this.opts.vad.run(block, n);
    // A failed block fails this and every later process() alike; a caller
    // that stopped waiting (cancelled) must not leave an unhandled rejection.
    probs.catch(() => undefined);
    this.draining = this.draining.then(async () => this.analyse(block, n, await probs));
    this.draining.catch(() => undefined);
  }

  private analyse(block: readonly Float32Array[], n: number, probs: Float32Array): void {
    const S = this.sides.length;
    for (let f = 0; f < n; f++) {
      for (let i = 0; i < S; i++) this.frames[i] = block[i].subarray(f * VAD_FRAME, (f + 1) * VAD_FRAME);
      this.opts.onFrames?.(this.frames);
      this.step(probs.subarray(f * S, (f + 1) * S));
    }
  }

  private step(probs: Float32Array): void {
    const t0 = this.frameIndex * VAD_FRAME_SEC;
    const t1 = t0 + VAD_FRAME_SEC;
    this.frameIndex++;
    const idxMe = this.sides.indexOf('me');
    const idxThem = this.sides.indexOf('them');
    let meSpeech = idxMe >= 0 && this.hyst.get('me')!.step(probs[idxMe]);
    const themSpeech = idxThem >= 0 && this.hyst.get('them')!.step(probs[idxThem]);

    if (idxMe >= 0 && idxThem >= 0) this.compareChannels(this.frames[idxMe], this.frames[idxThem]);
    if (this.bleed) {
      this.bleed.pushSystem(this.frames[idxThem]);
      if (meSpeech && this.bleed.isBleed(this.frames[idxMe])) meSpeech = false;
    }

    for (const [i, side] of this.sides.entries()) this.rings.get(side)?.write(this.frames[i]);

    this.sinceThem = themSpeech ? 0 : this.sinceThem + 1;
    if (idxMe >= 0) {
      const syl = this.nuclei.push(this.frames[idxMe], meSpeech);
      for (let k = 0; k < syl; k++) this.recentNuclei.push(t1);
      const foreign = this.bleed !== null && this.sinceThem <= ECHO_TAIL_FRAMES;
      this.feed('me', this.refiners.get('me')!.push(this.frames[idxMe], meSpeech, syl, foreign));
    }
    if (idxThem >= 0) this.feed('them', this.refiners.get('them')!.push(this.frames[idxThem], themSpeech));
    this.speaking.me = meSpeech;
    this.speaking.them = themSpeech;
  }

  private feed(side: Side, runs: readonly DecisionRun[]): void {
    const seg = this.segmenters.get(side)!;
    for (const r of runs) {
      const closed = seg.push(r.t0, r.t1, r.speech, r.syllables);
      if (closed) this.emitClosed(closed);
    }
  }

  private compareChannels(a: Float32Array, b: Float32Array): void {
    let ea = 0;
    let diff = 0;
    for (let i = 0; i < a.length; i++) {
      ea += a[i] * a[i];
      const d = a[i] - b[i];
      diff += d * d;
    }
    if (ea < 1e-4 * a.length * 1e-2) return; // below about -60 dBFS: nothing to compare
    this.dup.active++;
    this.dup.energy += ea;
    this.dup.diff += diff;
  }

  /** True when "me" and "them" carry the same audio: a mono recording saved as stereo. */
  channelsIdentical(): boolean {
    // the channels differ by less than -20 dB over the whole call
    return this.dup.active >= 30 && this.dup.diff < this.dup.energy * 0.01;
  }

  private emitClosed(segment: SegmentRecordLike): void {
    const ring = this.rings.get(segment.side);
    const ev: ClosedSegmentEvent = { segment, audio: ring?.slice(segment.start, segment.end) };
    this.emit('segment', ev);
  }

  /** Every closed segment, both sides, in time order. */
  segmentRecords(): SegmentRecordLike[] {
    return this.sides.flatMap((s) => this.segmenters.get(s)!.all()).sort((a, b) => a.start - b.start);
  }

  /** Segments still open now (for a live checkpoint). */
  openSegments(): SegmentRecordLike[] {
    return this.sides.map((s) => this.segmenters.get(s)!.current()).filter((s): s is SegmentRecordLike => s !== null);
  }

  /** Segments closed since the last call. */
  takeClosed(): SegmentRecordLike[] {
    return this.sides.flatMap((s) => this.segmenters.get(s)!.takeClosed());
  }

  segments(includeOpen = false): Segments {
    const get = (side: Side): Span[] => this.segmenters.get(side)?.spans(includeOpen) ?? [];
    return { me: get('me'), them: get('them') };
  }

  syllablesMe(): number {
    return this.segmenters.get('me')?.syllables() ?? 0;
  }

  report(file: string): AnalysisReport {
    const segments = this.segments(false);
    const durationSec = round(this.timeSec, 2);
    const metrics = computeTimingMetrics(segments, durationSec, { syllablesMe: this.syllablesMe() });
    const r2 = (spans: Span[]): Span[] => spans.map(([s, e]) => [round(s, 2), round(e, 2)]);
    const report: AnalysisReport = {
      file, durationSec, segments: { me: r2(segments.me), them: r2(segments.them) }, metrics,
      participants: participantsFromSegments(segments), timingSource: 'audio',
    };
    if (this.channelsIdentical()) {
      report.notes = ['both channels carry the same audio: this looks like a mono recording saved as stereo, so me and them cannot be told apart; analyse it with --side me or --side them'];
    }
    return report;
  }

  /** The live view: what the HUD and `candor record` show. */
  snapshot(callId: number | null = null): LiveSnapshot {
    const segs = this.segments(true);
    const now = this.timeSec;
    const m = computeTimingMetrics(segs, now, { syllablesMe: this.syllablesMe() });
    while (this.recentNuclei.length && this.recentNuclei[0] < now - RECENT_PACE_SEC) this.recentNuclei.shift();
    let recentTalk = 0;
    for (const [s, e] of segs.me) recentTalk += Math.max(0, e - Math.max(s, now - RECENT_PACE_SEC));
    return {
      ...idleSnapshot(), // the language, vision and capture fields: the live session fills them in
      state: 'recording',
      callId,
      elapsedSec: round(now, 1),
      talkShare: m.talkShare,
      talkSec: m.talkSec,
      currentMonologueSec: round(currentMonologue(segs.me, segs.them, now), 1),
      longestMonologueSec: m.longestMonologueSec,
      patienceSec: m.patienceSec,
      interruptions: m.interruptions,
      pace: { method: 'acoustic', wpm: m.pace.wpm },
      recentWpm: acousticPace(this.recentNuclei.length, recentTalk).wpm,
      speaking: { ...this.speaking },
    };
  }
}
