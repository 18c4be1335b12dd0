// Turns one side's frame-by-frame speech decisions into segments
// (METRICS.md): pauses shorter than 0.5 s are bridged; a segment is closed
// once 0.5 s of silence follows it. A run of speech frames shorter than
// ~0.1 s is not bridged into anything (single frames that slip through bleed
// removal, clicks), and segments shorter than 0.25 s in total are clicks and
// breaths, not speech (silero-vad's own minimum).
import type { Side, Span } from '../../contract/report';
import { BRIDGE_PAUSE_SEC } from '../metrics/definitions';

export const MIN_SEGMENT_SEC = 0.25;
export const MIN_RUN_SEC = 0.09;

export interface SegmentRecordLike {
  side: Side;
  start: number;
  end: number;
  syllables: number;
}

export class Segmenter {
  private open: SegmentRecordLike | null = null;
  private readonly closed: SegmentRecordLike[] = [];
  private unflushed: SegmentRecordLike[] = [];
  /** Speech frames not yet long enough to join a segment. */
  private run: { start: number; end: number; syllables: number; confirmed: boolean } | null = null;

  constructor(readonly side: Side) {}

  /** One frame [t0, t1) with its decision and syllable nuclei found in it. */
  push(t0: number, t1: number, speech: boolean, syllables = 0): SegmentRecordLike | null {
    let done: SegmentRecordLike | null = null;
    if (speech) {
      if (this.run) {
        this.run.end = t1;
        this.run.syllables += syllables;
      } else this.run = { start: t0, end: t1, syllables, confirmed: false };
      if (this.run.confirmed || this.run.end - this.run.start >= MIN_RUN_SEC) done = this.commitRun();
    } else {
      this.run = null;
      if (this.open && syllables > 0 && t0 - this.open.end < BRIDGE_PAUSE_SEC) {
        // A nucleus confirmed just after the speech decision ended belongs to it.
        this.open.syllables += syllables;
      }
    }
    if (this.open && t1 - this.open.end >= BRIDGE_PAUSE_SEC && !this.run) done = this.close() ?? done;
    return done;
  }

  private commitRun(): SegmentRecordLike | null {
    const r = this.run!;
    this.run = { start: r.end, end: r.end, syllables: 0, confirmed: true };
    let done: SegmentRecordLike | null = null;
    if (this.open && r.start - this.open.end >= BRIDGE_PAUSE_SEC) done = this.close();
    if (this.open) {
      this.open.end = r.end;
      this.open.syllables += r.syllables;
    } else this.open = { side: this.side, start: r.start, end: r.end, syllables: r.syllables };
    return done;
  }

  private close(): SegmentRecordLike | null {
    const seg = this.open;
    this.open = null;
    if (!seg || seg.end - seg.start < MIN_SEGMENT_SEC) return null;
    this.closed.push(seg);
    this.unflushed.push(seg);
    return seg;
  }

  /** Closes what is open, e.g. at the end of a call. */
  finish(): SegmentRecordLike | null {
    if (this.run && this.run.end - this.run.start >= MIN_RUN_SEC) this.commitRun();
    this.run = null;
    return this.close();
  }

  /** The segment being spoken now, if it is long enough to count. */
  current(): SegmentRecordLike | null {
    return this.open && this.open.end - this.open.start >= MIN_SEGMENT_SEC ? { ...this.open } : null;
  }

  all(): SegmentRecordLike[] {
    return this.closed;
  }

  spans(includeOpen = false): Span[] {
    const out = this.closed.map((s) => [s.start, s.end] as Span);
    const cur = includeOpen ? this.current() : null;
    if (cur) out.push([cur.start, cur.end]);
    return out;
  }

  /** Segments closed since the last call (for checkpointing). */
  takeClosed(): SegmentRecordLike[] {
    const out = this.unflushed;
    this.unflushed = [];
    return out;
  }

  syllables(): number {
    return this.closed.reduce((a, s) => a + s.syllables, 0) + (this.open?.syllables ?? 0);
  }
}
