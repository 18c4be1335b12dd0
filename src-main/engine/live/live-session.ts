// A live call: capture sources feed the shared analysis pipeline; every
// second what is known so far is committed to SQLite (so a crash loses at
// most ~1 s); snapshots go to the HUD / CLI several times a second.
import { EventEmitter } from 'node:events';
import { CandorError } from '../../contract/errors';
import type { VisionSample } from '../../contract/calls';
import { idleSnapshot, type LiveSnapshot } from '../../contract/live';
import type { AnalysisReport, Side } from '../../contract/report';
import type { CaptureSource } from '../capture/capture-source';
import { AnalysisPipeline, type ClosedSegmentEvent } from '../pipeline/analysis-pipeline';
import type { CallStore } from '../store/calls-store';
import { SileroVad } from '../vad/silero-vad';

export interface LiveSessionOptions {
  store: CallStore;
  sources: CaptureSource[];
  title?: string;
  vadModelPath?: string;
  checkpointMs?: number;
  snapshotMs?: number;
  /** Keep this many seconds of audio per side for speech recognition. */
  keepAudioSec?: number;
}

/** A real-time side this far behind the wall clock has stalled: the gap is filled with silence. */
const LATE_SEC = 0.25;
const RATE = 16000;

export class LiveSession extends EventEmitter {
  private pipeline: AnalysisPipeline | null = null;
  private callId: number | null = null;
  private state: LiveSnapshot['state'] = 'idle';
  private timers: NodeJS.Timeout[] = [];
  private processing: Promise<void> = Promise.resolve();
  private pendingVision: VisionSample[] = [];
  private failure: Error | null = null;
  private stalledSec = 0;
  private t0 = 0;
  private readonly received = new Map<Side, number>();
  private readonly realtimeSides = new Set<Side>();
  /** Extra fields other parts of the engine add to the snapshot (language, vision). */
  decorate: ((s: LiveSnapshot) => LiveSnapshot) | null = null;

  constructor(private readonly opts: LiveSessionOptions) {
    super();
  }

  get id(): number | null {
    return this.callId;
  }

  async start(): Promise<number> {
    if (this.state !== 'idle') throw new CandorError('BAD_ARGUMENT', 'this call has already started');
    this.state = 'starting';
    const sides = [...new Set(this.opts.sources.flatMap((s) => s.sides))];
    for (const s of this.opts.sources) {
      const open = (s as { open?: () => Promise<Side[]> }).open;
      if (open) for (const side of await open.call(s)) if (!sides.includes(side)) sides.push(side);
    }
    const order: Side[] = (['me', 'them'] as Side[]).filter((s) => sides.includes(s));
    if (!order.length) throw new CandorError('DEVICE_MISSING', 'no audio source to record from', 'Connect a microphone and try again.');
    const vad = await SileroVad.create(order.length, this.opts.vadModelPath);
    const pipeline = new AnalysisPipeline({ sides: order, vad, keepAudioSec: this.opts.keepAudioSec });
    pipeline.on('segment', (ev: ClosedSegmentEvent) => this.emit('segment', ev));
    this.pipeline = pipeline;

    const started: CaptureSource[] = [];
    this.t0 = performance.now();
    try {
      for (const src of this.opts.sources) {
        await src.start({
          onData: (side, samples) => this.onData(side, samples, src.realtime),
          onError: (err) => this.fail(err),
          onEnd: () => this.emit('source-end', src.label),
        });
        started.push(src);
      }
    } catch (err) {
      await Promise.all(started.map((s) => s.stop().catch(() => undefined)));
      this.state = 'idle';
      throw err;
    }
    for (const src of this.opts.sources) if (src.realtime) for (const side of src.sides) this.realtimeSides.add(side);
    this.callId = this.opts.store.begin({ source: 'live', title: this.opts.title });
    this.state = 'recording';
    this.timers.push(setInterval(() => this.checkpoint(), this.opts.checkpointMs ?? 1000));
    this.timers.push(setInterval(() => this.emit('snapshot', this.snapshot()), this.opts.snapshotMs ?? 250));
    return this.callId;
  }

  private onData(side: Side, samples: Float32Array, realtime: boolean): void {
    if (!this.pipeline) return;
    if (realtime) this.catchUp(side, samples.length);
    this.received.set(side, (this.received.get(side) ?? 0) + samples.length);
    this.pipeline.push(side, samples);
    this.processing = this.processing.then(() => this.pipeline!.process()).catch((err) => this.fail(err as Error));
  }

  /** Vision samples recorded by the screen tracker, stored with the next checkpoint. */
  addVisionSamples(samples: VisionSample[]): void {
    this.pendingVision.push(...samples);
  }

  private checkpoint(): void {
    const p = this.pipeline;
    if (!p || this.callId === null || this.state !== 'recording') return;
    this.padStalledSide(p);
    try {
      const vision = this.pendingVision;
      this.pendingVision = [];
      this.opts.store.checkpoint(this.callId, p.takeClosed(), p.openSegments(), p.timeSec, vision);
    } catch (err) {
      this.fail(err as Error);
    }
  }

  /**
   * Keeps a real-time side on the wall clock: when it is about to deliver
   * `incoming` samples but is behind where the clock says it should be, the
   * gap (a suspended or stalled device) is filled with silence first.
   */
  private catchUp(side: Side, incoming: number): void {
    const expected = ((performance.now() - this.t0) / 1000) * RATE;
    const have = (this.received.get(side) ?? 0) + incoming;
    const gap = Math.floor(expected - have);
    if (gap > LATE_SEC * RATE && this.pipeline) {
      this.pipeline.push(side, new Float32Array(gap));
      this.received.set(side, (this.received.get(side) ?? 0) + gap);
      this.stalledSec += gap / RATE;
    }
  }

  /** A device that stops delivering must not freeze the other side's analysis. */
  private padStalledSide(p: AnalysisPipeline): void {
    for (const side of this.realtimeSides) this.catchUp(side, Math.round(LATE_SEC * RATE));
    this.processing = this.processing.then(() => p.process());
  }

  private fail(err: Error): void {
    if (this.failure) return;
    this.failure = err;
    this.emit('error', err);
  }

  snapshot(): LiveSnapshot {
    if (!this.pipeline || this.state === 'idle') return idleSnapshot();
    const s = { ...this.pipeline.snapshot(this.callId), state: this.state };
    return this.decorate ? this.decorate(s) : s;
  }

  private async stopSources(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    await Promise.all(this.opts.sources.map((s) => s.stop().catch(() => undefined)));
  }

  /** Ends the call: the rest of the audio is analysed and the final report saved. */
  async stop(): Promise<AnalysisReport> {
    if (this.state !== 'recording' || !this.pipeline || this.callId === null) {
      throw new CandorError('BAD_ARGUMENT', 'no call is being recorded');
    }
    this.state = 'stopping';
    await this.stopSources();
    await this.processing;
    await this.pipeline.finish();
    const report = this.pipeline.report('live call');
    if (this.stalledSec > 1) (report.notes ??= []).push(`${this.stalledSec.toFixed(1)} s of silence were filled in where an audio device delivered nothing`);
    if (this.pendingVision.length) this.opts.store.checkpoint(this.callId, [], [], this.pipeline.timeSec, this.pendingVision);
    this.pendingVision = [];
    this.opts.store.finish(this.callId, report, this.pipeline.segmentRecords());
    this.state = 'idle';
    this.emit('stopped', report);
    return report;
  }

  /**
   * Stops capturing at once without the final analysis. What was committed
   * stays in the store and is recovered as an interrupted call.
   */
  async abort(): Promise<void> {
    this.state = 'stopping';
    await this.stopSources();
    this.state = 'idle';
  }
}
