// Groups short VAD segments of one side into one model run: Whisper pays for
// a full 30 s window whatever the input length, so ten 2 s segments cost
// ten times as much one by one as together. Segments are laid end to end
// with 0.3 s of silence between them; a batch runs when it holds minBatchSec
// of audio, when the next segment would push it past maxBatchSec, or
// maxWaitMs after its first segment arrived. Runs are serialised (the
// model runs one input at a time). Each request resolves with its own
// utterances, in call time.
import type { Utterance } from '../../contract/calls';
import type { Side } from '../../contract/report';
import { splitBatchOutput, type BatchSlot } from './map-output';
import { ASR_SAMPLE_RATE, type AsrOutput, type TranscribeRequest } from './types';

export interface BatchOptions {
  minBatchSec?: number;
  maxBatchSec?: number;
  maxWaitMs?: number;
  gapSec?: number;
}

export const BATCH_DEFAULTS: Required<BatchOptions> = { minBatchSec: 8, maxBatchSec: 28, maxWaitMs: 1500, gapSec: 0.3 };

interface Pending {
  req: TranscribeRequest;
  resolve: (u: Utterance[]) => void;
  reject: (err: unknown) => void;
}

export type RunModel = (samples: Float32Array) => Promise<AsrOutput>;

export class SegmentBatcher {
  private readonly opts: Required<BatchOptions>;
  private readonly queues = new Map<Side, Pending[]>();
  private readonly timers = new Map<Side, NodeJS.Timeout>();
  private chain: Promise<void> = Promise.resolve();
  private closed = false;
  /** Model runs so far (for tests and the bench). */
  runs = 0;

  constructor(private readonly runModel: RunModel, opts: BatchOptions = {}) {
    this.opts = { ...BATCH_DEFAULTS, ...opts };
  }

  private queuedSec(q: Pending[]): number {
    let s = 0;
    for (const p of q) s += p.req.samples.length / ASR_SAMPLE_RATE;
    return s + Math.max(0, q.length - 1) * this.opts.gapSec;
  }

  add(req: TranscribeRequest): Promise<Utterance[]> {
    if (this.closed) return Promise.reject(new Error('the transcriber is closed'));
    return new Promise((resolve, reject) => {
      const q = this.queues.get(req.side) ?? [];
      this.queues.set(req.side, q);
      const sec = req.samples.length / ASR_SAMPLE_RATE;
      if (q.length && this.queuedSec(q) + this.opts.gapSec + sec > this.opts.maxBatchSec) this.flushSide(req.side);
      const cur = this.queues.get(req.side)!;
      cur.push({ req, resolve, reject });
      if (this.queuedSec(cur) >= this.opts.minBatchSec) this.flushSide(req.side);
      else if (!this.timers.has(req.side)) {
        this.timers.set(req.side, setTimeout(() => this.flushSide(req.side), this.opts.maxWaitMs));
      }
    });
  }

  /** Starts a run of what one side has queued; returns when that run is done. */
  private flushSide(side: Side): Promise<void> {
    const t = this.timers.get(side);
    if (t) clearTimeout(t);
    this.timers.delete(side);
    const batch = this.queues.get(side) ?? [];
    this.queues.set(side, []);
    if (batch.length === 0) return this.chain;
    this.chain = this.chain.then(() => this.runBatch(batch));
    return this.chain;
  }

  flush(): Promise<void> {
    for (const side of [...this.queues.keys()]) this.flushSide(side);
    return this.chain;
  }

  private async runBatch(batch: Pending[]): Promise<void> {
    try {
      const { samples, slots } = this.layout(batch);
      this.runs++;
      const split = splitBatchOutput(await this.runModel(samples), slots);
      if (split) {
        batch.forEach((p, i) => p.resolve(split[i]));
        return;
      }
      // Untimed output for several segments: transcribe them one by one.
      for (const p of batch) {
        const one = this.layout([p]);
        this.runs++;
        p.resolve(splitBatchOutput(await this.runModel(one.samples), one.slots)![0]);
      }
    } catch (err) {
      for (const p of batch) p.reject(err);
    }
  }

  private layout(batch: Pending[]): { samples: Float32Array; slots: BatchSlot[] } {
    const gap = Math.round(this.opts.gapSec * ASR_SAMPLE_RATE);
    const total = batch.reduce((n, p) => n + p.req.samples.length, 0) + gap * (batch.length - 1);
    const samples = new Float32Array(total);
    const slots: BatchSlot[] = [];
    let at = 0;
    for (const p of batch) {
      samples.set(p.req.samples, at);
      slots.push({ side: p.req.side, startSec: p.req.startSec, offsetSec: at / ASR_SAMPLE_RATE, durationSec: p.req.samples.length / ASR_SAMPLE_RATE });
      at += p.req.samples.length + gap;
    }
    return { samples, slots };
  }

  /** Runs what is queued, then refuses new work. */
  async close(): Promise<void> {
    await this.flush();
    this.closed = true;
  }
}
