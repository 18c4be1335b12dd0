// A live call: capture sources feed the shared analysis pipeline; every
// second what is known so far is committed to SQLite (so a crash loses at
// most ~1 s); snapshots go to the HUD / CLI several times a second. The
// store is a worker thread's (store/worker): no SQL runs on this thread, and
// a database busy with another program's work delays a checkpoint (its data
// is kept and goes with the next one) but never ends the call.
import { EventEmitter } from 'node:events';
import { CandorError } from '../../contract/errors';
import type { VisionSample } from '../../contract/calls';
import { idleSnapshot, type LiveSnapshot } from '../../contract/live';
import type { AnalysisReport, Side } from '../../contract/report';
import type { Utterance } from '../../contract/calls';
import type { Transcriber } from '../asr/types';
import type { CaptureSource } from '../capture/capture-source';
import { analyzeTranscript } from '../language/analyze-transcript';
import { LiveWords } from '../language/live-words';
import { LANGUAGE_NEEDS_MODELS_NOTE } from '../language/notes';
import { AnalysisPipeline, type ClosedSegmentEvent } from '../pipeline/analysis-pipeline';
import type { SegmentRecord } from '../store/calls-store';
import type { AsyncStoreApi } from '../store/worker/protocol';
import { GatedVad } from '../vad/gated-vad';
import { summarize } from '../vision/tracker';
import { WavStreamWriter } from '../audio/wav-stream-writer';
import { CaptureWatch } from './capture-watch';

/** What a live call needs of the store (a StoreClient: the store's worker thread). */
export type LiveStore = Pick<AsyncStoreApi, 'beginLiveCall' | 'setAudioFile' | 'checkpoint' | 'replaceUtterances' | 'finish'>;

export interface LiveSessionOptions {
  store: LiveStore;
  sources: CaptureSource[];
  title?: string;
  vadModelPath?: string;
  checkpointMs?: number;
  snapshotMs?: number;
  /** Keep this many seconds of audio per side for speech recognition. */
  keepAudioSec?: number;
  /**
   * On-device speech recognition for each finished segment (a worker
   * thread, so capture never waits for it); null when no model is installed.
   */
  transcriber?: Transcriber | null | (() => Promise<Transcriber | null>);
  /** Keep the call's audio in this WAV file (only when the user chose to keep audio). */
  keepAudioFile?: string;
}

/** Audio kept per side so that a finished segment can be transcribed. */
const ASR_KEEP_AUDIO_SEC = 120;

/**
 * No data for this long: the device was suspended or stalled; its next audio
 * is checked against the clock. PulseAudio suspends an idle sink after
 * seconds, while a busy machine delivers 100 ms reads up to a few hundred ms
 * late: holding after such jitter only delays the analysis and its commits.
 */
const RESUME_SEC = 0.5;
/** How long resumed audio is held before deciding how much silence the pause was (bursts catch up in this time). */
const GRACE_SEC = 0.6;
/** A resumed side still this far behind the clock after the grace time gets the gap filled with silence. */
const MIN_GAP_SEC = 0.1;
/** A side silent for this long is filled up to a second behind the clock, so the other side's analysis goes on. */
const STALL_SEC = 2;
/**
 * A side that has delivered nothing at all since the call started (the
 * monitor of an output where nothing plays yet) is filled this soon, up to
 * one analysis batch behind the clock: otherwise the first checkpoints of a
 * call would commit nothing, and a crash in its first seconds would lose them.
 */
const FIRST_DATA_WAIT_SEC = 0.4;
const RATE = 16000;
/** How often arrived audio is analysed. */
const PROCESS_MS = 250;
/** How many analysis ticks make up `ms`: 0 when it is not a whole number of them. */
const ticksPer = (ms: number): number => (ms >= PROCESS_MS && ms % PROCESS_MS === 0 ? ms / PROCESS_MS : 0);
/** When the first checkpoint of a call is committed (ms after it starts). */
const FIRST_CHECKPOINT_MS = 500;
/**
 * This thread ran this much later than its 250 ms tick: the reader itself
 * was stalled, so the devices' audio waits in their buffers and is caught
 * up, never taken for silence.
 */
const READER_STALL_MS = 500;
/** How long the start and the end of a call wait for a database that another program keeps busy. */
const BUSY_WAIT_MS = 60_000;
const BUSY_RETRY_MS = 200;

function isBusy(err: unknown): boolean {
  return err instanceof CandorError && err.code === 'DB_LOCKED';
}

/** Runs fn again while the database is busy with another program's work, up to BUSY_WAIT_MS. */
async function whileBusy<T>(fn: () => Promise<T>): Promise<T> {
  const until = performance.now() + BUSY_WAIT_MS;
  for (;;) {
    try {
      return await fn();
    } catch (err) {
      if (!isBusy(err) || performance.now() > until) throw err;
      await new Promise((r) => setTimeout(r, BUSY_RETRY_MS));
    }
  }
}

/** A committed checkpoint: how far the audio got, and how long the commit took. */
export interface CheckpointEvent {
  atSec: number;
  ms: number;
  /** Earlier attempts that found the database busy and were folded into this one. */
  retried: number;
}

export class LiveSession extends EventEmitter {
  private pipeline: AnalysisPipeline | null = null;
  private callId: number | null = null;
  private state: LiveSnapshot['state'] = 'idle';
  /** Analysis ticks since the call began recording (onRecordingTick). */
  private recordingTicks = 0;
  private timers: NodeJS.Timeout[] = [];
  private processing: Promise<void> = Promise.resolve();
  private pendingVision: VisionSample[] = [];
  private readonly allVision: VisionSample[] = [];
  private failure: Error | null = null;
  private words = new LiveWords(false);
  private transcriber: Transcriber | null = null;
  /** Made by this session from a factory, so closed by it too. */
  private ownsTranscriber = false;
  private audioWriter: WavStreamWriter | null = null;
  private readonly transcriptions: Promise<Utterance[]>[] = [];
  private asrFailures = 0;
  private stalledSec = 0;
  private t0 = 0;
  private readonly received = new Map<Side, number>();
  private readonly lastDataAt = new Map<Side, number>();
  private readonly held = new Map<Side, Float32Array[]>();
  private readonly realtimeSides = new Set<Side>();
  private readonly heldAt = new Map<Side, number>();
  private lastTickAt = 0;
  private readerResumedAt = 0;
  /** The checkpoint being committed; the next one waits for it. */
  private inFlight: Promise<void> | null = null;
  /** How far the audio of the last committed checkpoint reached (seconds of call). */
  private committedSec = 0;
  /** When the last checkpoint's commit was started (performance.now()). */
  private committingAt = 0;
  /** A checkpoint came due while one was in flight. */
  private checkpointAgain = false;
  /** Closed segments and vision samples taken for a checkpoint that did not commit yet. */
  private unsaved: { closed: SegmentRecord[]; vision: VisionSample[] } = { closed: [], vision: [] };
  private busyRetries = 0;
  private watch: CaptureWatch | null = null;
  /** My talk time as of the last snapshot (the capture watch's measure of mic speech). */
  private micTalkSec = 0;

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
    // in this thread: live audio arrives in small blocks, and a thread hop per block would cost more than it saves
    const vad = await GatedVad.create(order.length, { modelPath: this.opts.vadModelPath });
    const t = this.opts.transcriber;
    this.ownsTranscriber = typeof t === 'function';
    this.transcriber = typeof t === 'function' ? await t().catch(() => null) : t ?? null;
    this.words = new LiveWords(Boolean(this.transcriber));
    const keepAudioSec = Math.max(this.opts.keepAudioSec ?? 0, this.transcriber ? ASR_KEEP_AUDIO_SEC : 0);
    if (this.opts.keepAudioFile) this.audioWriter = new WavStreamWriter(this.opts.keepAudioFile, order.length);
    const writer = this.audioWriter;
    const pipeline = new AnalysisPipeline({ sides: order, vad, keepAudioSec, onFrames: writer ? (f) => writer.write([...f]) : undefined });
    pipeline.on('segment', (ev: ClosedSegmentEvent) => {
      this.transcribe(ev);
      this.emit('segment', ev);
    });
    this.pipeline = pipeline;

    const started: CaptureSource[] = [];
    this.t0 = performance.now();
    this.watch = new CaptureWatch(this.t0, order.includes('them') && order.includes('me'));
    // Ticking from the start: a stall of this thread before the first audio is noticed too.
    this.lastTickAt = this.t0;
    this.timers.push(setInterval(() => {
      this.noteReaderTick();
      this.readSources();
      this.kick();
      this.onRecordingTick();
    }, PROCESS_MS));
    try {
      for (const src of this.opts.sources) {
        await src.start({
          onData: (side, samples) => this.onData(side, samples, src.realtime),
          onError: (err) => this.fail(err),
          onEnd: () => this.emit('source-end', src.label),
          onDeviceSwitch: (side, from, to) => {
            this.watch?.onSwitch(side, from, to, performance.now(), this.lastDataAt.get(side));
            this.emit('device-switch', { side, from, to });
          },
        });
        started.push(src);
      }
    } catch (err) {
      this.clearTimers();
      await Promise.all(started.map((s) => s.stop().catch(() => undefined)));
      if (this.ownsTranscriber) await this.transcriber?.close().catch(() => undefined);
      this.state = 'idle';
      throw err;
    }
    for (const src of this.opts.sources) if (src.realtime) for (const side of src.sides) this.realtimeSides.add(side);
    try {
      const store = this.opts.store;
      const id = await whileBusy(() => store.beginLiveCall({ source: 'live', title: this.opts.title }));
      this.callId = id;
      const keep = this.opts.keepAudioFile;
      if (keep) await whileBusy(() => store.setAudioFile(id, keep));
    } catch (err) {
      // Another recorder on this database, or no database: nothing was captured for good.
      this.clearTimers();
      await Promise.all(this.opts.sources.map((s) => s.stop().catch(() => undefined)));
      if (this.ownsTranscriber) await this.transcriber?.close().catch(() => undefined);
      this.audioWriter?.close();
      this.pipeline = null;
      this.state = 'idle';
      throw err;
    }
    this.state = 'recording';
    this.trace('recording');
    // The first checkpoint comes early: a crash in the first second of a call loses at most half a second of it.
    this.timers.push(setTimeout(() => this.checkpoint(), Math.min(FIRST_CHECKPOINT_MS, this.checkpointMs)));
    // A period that is a whole number of ticks (the defaults) rides on the analysis tick instead of a timer of its own.
    if (!ticksPer(this.checkpointMs)) this.timers.push(setInterval(() => this.checkpointIfDue(), this.checkpointMs));
    if (!ticksPer(this.snapshotMs)) this.timers.push(setInterval(() => this.emitSnapshot(), this.snapshotMs));
    return this.callId;
  }

  /**
   * The clock's checkpoint and the snapshot, on every n-th tick of the
   * analysis once the call is recording, where their periods allow: timers
   * of their own woke this thread at other moments, 5 more wake-ups a
   * second, and every wake-up of a live call costs CPU (issue 13).
   */
  private onRecordingTick(): void {
    if (this.state !== 'recording') return;
    const n = ++this.recordingTicks;
    const checkpointEvery = ticksPer(this.checkpointMs);
    const snapshotEvery = ticksPer(this.snapshotMs);
    if (checkpointEvery && n % checkpointEvery === 0) this.checkpointIfDue();
    if (snapshotEvery && n % snapshotEvery === 0) this.emitSnapshot();
  }

  private emitSnapshot(): void {
    if (this.listenerCount('snapshot') > 0) this.emit('snapshot', this.snapshot());
  }

  /** Takes in what the sources that wait to be read (capture-source.ts readNow) have buffered. */
  private readSources(): void {
    for (const src of this.opts.sources) src.readNow?.();
  }

  private onData(side: Side, samples: Float32Array, realtime: boolean): void {
    if (!this.pipeline) return;
    this.watch?.onAudio(side, samples, performance.now(), this.micTalkSec);
    if (realtime && this.holdIfResuming(side, samples)) return;
    this.received.set(side, (this.received.get(side) ?? 0) + samples.length);
    this.pipeline.push(side, samples);
  }

  /**
   * Analyses what has arrived. Live audio is processed in batches of about
   * 250 ms rather than frame by frame: the VAD then runs several frames back
   * to back, which costs half the CPU of waking up for every 32 ms frame.
   */
  private kick(): void {
    const p = this.pipeline;
    if (!p) return;
    this.processing = this.processing.then(() => p.process()).then(() => this.commitIfBehind(p)).catch((err) => this.fail(err as Error));
  }

  /** How often a checkpoint is committed (ms). */
  private get checkpointMs(): number {
    return this.opts.checkpointMs ?? 1000;
  }

  /** How often a snapshot goes to the listeners (ms). */
  private get snapshotMs(): number {
    return this.opts.snapshotMs ?? PROCESS_MS;
  }

  /**
   * The clock's checkpoint, once a second: a stalled device is padded, and a
   * commit goes out unless the analysis committed one less than a second ago.
   */
  private checkpointIfDue(): void {
    if (performance.now() - this.committingAt >= this.checkpointMs - PROCESS_MS) this.checkpoint();
    else this.padStalledSide();
  }

  /**
   * The clock's checkpoint every second is not enough when the analysis
   * advances in jumps (audio held while a device resumes, a busy machine
   * catching up): a second of analysed audio is committed as soon as it is
   * there, so a crash loses at most about a second of what was analysed.
   */
  private commitIfBehind(p: AnalysisPipeline): void {
    if (!this.inFlight && p.timeSec - this.committedSec >= this.checkpointMs / 1000) this.checkpoint();
  }

  private transcribe(ev: ClosedSegmentEvent): void {
    const t = this.transcriber;
    if (!t || !ev.audio?.samples.length) return;
    const job = t.transcribe({ side: ev.segment.side, startSec: ev.audio.start, samples: ev.audio.samples }).then(
      (utts) => {
        this.words.add(utts);
        return utts;
      },
      () => {
        // One failed segment loses its words, not the call.
        this.asrFailures++;
        return [] as Utterance[];
      },
    );
    this.transcriptions.push(job);
  }

  /** Vision samples recorded by the screen tracker, stored with the next checkpoint. */
  addVisionSamples(samples: VisionSample[]): void {
    this.pendingVision.push(...samples);
    this.allVision.push(...samples);
  }

  /**
   * Commits what the call has so far. One commit at a time: while one waits
   * (another program holds the database), the next second's data stays in
   * memory and goes with the next commit, so nothing is lost and the call
   * goes on. Other failures (a full disk) end the call as before.
   */
  private checkpoint(): void {
    const p = this.pipeline;
    const id = this.callId;
    if (!p || id === null || this.state !== 'recording') return;
    this.padStalledSide();
    if (this.inFlight) {
      // The previous one waits for the analysis or the database: this one follows as soon as it is done.
      this.checkpointAgain = true;
      return;
    }
    // Commit what the analysis just started (padding included) reaches, not what it had reached before.
    this.committingAt = performance.now();
    this.inFlight = this.processing.then(() => this.commitCheckpoint(p, id)).finally(() => {
      this.inFlight = null;
      if (this.checkpointAgain) {
        this.checkpointAgain = false;
        this.checkpoint();
      }
    });
  }

  private commitCheckpoint(p: AnalysisPipeline, id: number): Promise<void> {
    if (this.state !== 'recording') return Promise.resolve();
    this.unsaved.closed.push(...p.takeClosed());
    this.unsaved.vision.push(...this.pendingVision);
    this.pendingVision = [];
    const { closed, vision } = this.unsaved;
    const atSec = p.timeSec;
    const t = performance.now();
    return this.opts.store.checkpoint(id, closed, p.openSegments(), atSec, vision).then(
      () => {
        this.unsaved = { closed: [], vision: [] };
        this.emit('checkpoint', { atSec, ms: performance.now() - t, retried: this.busyRetries } satisfies CheckpointEvent);
        this.committedSec = atSec;
        this.trace(`checkpoint of ${atSec.toFixed(3)} s committed (took ${(performance.now() - t).toFixed(0)} ms)`);
        this.busyRetries = 0;
      },
      (err: unknown) => {
        if (isBusy(err)) this.busyRetries++;
        else this.fail(err as Error);
      },
    );
  }

  /** Notes a tick of this thread; a late one means the reader itself was stalled. */
  private noteReaderTick(): void {
    const now = performance.now();
    if (this.lastTickAt && now - this.lastTickAt > PROCESS_MS + READER_STALL_MS) this.readerResumedAt = now;
    this.lastTickAt = now;
  }

  /**
   * Keeps a real-time side on the wall clock. A device that resumes after a
   * pause (a sink's monitor is suspended while nothing plays) is behind where
   * the clock says it should be. Its first audio is held for a moment, so
   * that a burst of buffered audio (a busy machine) can catch up by itself;
   * whatever gap is still left then was never recorded and is filled with
   * silence before the held audio, so that it lands at the right time.
   * Returns true when the samples were held.
   */
  private holdIfResuming(side: Side, samples: Float32Array): boolean {
    const now = performance.now();
    const last = this.lastDataAt.get(side);
    this.lastDataAt.set(side, now);
    const held = this.held.get(side);
    if (held) {
      held.push(samples);
      return true;
    }
    if (last !== undefined && now - last <= RESUME_SEC * 1000) return false;
    this.held.set(side, [samples]);
    this.heldAt.set(side, now);
    this.trace(`${side}: audio held`);
    setTimeout(() => this.release(side), GRACE_SEC * 1000).unref();
    return true;
  }

  private release(side: Side, final = false): void {
    const held = this.held.get(side);
    if (!held || !this.pipeline) {
      this.held.delete(side);
      return;
    }
    this.noteReaderTick();
    // what the devices hold counts as arrived: it is added to the held audio before the gap is measured
    if (!final) this.readSources();
    if (!final && this.readerResumedAt >= (this.heldAt.get(side) ?? 0)) {
      // This thread stalled while the audio was held: its buffered rest is still coming in. Hold on.
      this.heldAt.set(side, performance.now());
      setTimeout(() => this.release(side), GRACE_SEC * 1000).unref();
      return;
    }
    this.held.delete(side);
    this.heldAt.delete(side);
    const n = held.reduce((a, x) => a + x.length, 0);
    const expected = ((performance.now() - this.t0) / 1000) * RATE;
    const gap = Math.floor(expected - ((this.received.get(side) ?? 0) + n));
    if (gap > MIN_GAP_SEC * RATE) this.padSilence(side, gap);
    for (const x of held) this.pipeline.push(side, x);
    this.received.set(side, (this.received.get(side) ?? 0) + n);
    if (!final) this.kick(); // analysed (and committed) now, not at the next tick
  }

  private padSilence(side: Side, n: number): void {
    if (!this.pipeline) return;
    this.pipeline.push(side, new Float32Array(n));
    this.received.set(side, (this.received.get(side) ?? 0) + n);
    this.stalledSec += n / RATE;
    this.trace(`${side}: ${(n / RATE).toFixed(3)} s of silence`);
  }

  /**
   * A device that delivers nothing must not hold up the other side's
   * analysis. Only time this thread was running counts: after a stall of
   * the reader itself, the devices' buffered audio is read, not padded.
   */
  private padStalledSide(): void {
    this.noteReaderTick();
    this.readSources();
    const now = performance.now();
    for (const side of this.realtimeSides) {
      const started = this.lastDataAt.has(side);
      const quietSince = Math.max(this.lastDataAt.get(side) ?? this.t0, this.readerResumedAt);
      if (this.held.has(side) || now - quietSince < (started ? STALL_SEC : FIRST_DATA_WAIT_SEC) * 1000) continue;
      // Fill up to a second (a batch, before any data) behind the clock; the rest is settled when it resumes.
      const behindSec = started ? 1 : PROCESS_MS / 1000;
      const gap = Math.floor(((now - this.t0) / 1000 - behindSec) * RATE - (this.received.get(side) ?? 0));
      if (gap > 0) this.padSilence(side, gap);
    }
    this.kick();
  }

  /** With CANDOR_DEBUG_CAPTURE set: what capture did, and when (seconds since the call started). */
  private trace(what: string): void {
    if (process.env.CANDOR_DEBUG_CAPTURE) process.stderr.write(`[capture] ${((performance.now() - this.t0) / 1000).toFixed(3)} s: ${what}\n`);
  }

  private fail(err: Error): void {
    if (this.failure) return;
    this.failure = err;
    this.emit('error', err);
  }

  snapshot(): LiveSnapshot {
    if (!this.pipeline || this.state === 'idle') return idleSnapshot();
    const last = this.allVision[this.allVision.length - 1];
    const vision = last ? { facesVisible: last.facesVisible, facingCount: last.facingCount, cameraOn: last.cameraOn } : null;
    const snap = this.pipeline.snapshot(this.callId);
    this.micTalkSec = snap.talkSec.me;
    const capture = this.watch ? this.watch.health(performance.now(), snap.talkSec.me) : snap.capture;
    return { ...snap, ...this.words.snapshot(), vision, capture, state: this.state };
  }

  private clearTimers(): void {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
  }

  private async stopSources(): Promise<void> {
    this.clearTimers();
    await Promise.all(this.opts.sources.map((s) => s.stop().catch(() => undefined)));
    for (const side of [...this.held.keys()]) this.release(side, true);
  }

  /** Ends the call: the rest of the audio is analysed and the final report saved. */
  async stop(): Promise<AnalysisReport> {
    if (this.state !== 'recording' || !this.pipeline || this.callId === null) {
      throw new CandorError('BAD_ARGUMENT', 'no call is being recorded');
    }
    const id = this.callId;
    const pipeline = this.pipeline;
    this.state = 'stopping';
    await this.stopSources();
    await this.inFlight;
    await this.processing;
    await pipeline.finish();
    let report = pipeline.report('live call');
    const vision = this.allVision.length ? summarize(this.allVision) : undefined;
    if (vision) report.vision = vision;
    const t = this.transcriber;
    if (t) {
      await t.flush();
      await Promise.all(this.transcriptions);
      const utterances = this.words.utterances();
      report = analyzeTranscript({ file: report.file, utterances, audio: report, vision: this.allVision, wordsFrom: `on-device speech recognition (${t.model})` });
      if (vision) report.vision = vision;
      if (this.asrFailures) (report.notes ??= []).push(`speech recognition failed on ${this.asrFailures} segment(s); their words are missing`);
      await whileBusy(() => this.opts.store.replaceUtterances(id, utterances, 'asr'));
    } else (report.notes ??= []).push(LANGUAGE_NEEDS_MODELS_NOTE);
    if (this.watch) this.watch.health(performance.now(), report.metrics.talkSec.me);
    const captureNotes = [...this.opts.sources.flatMap((src) => src.notes?.() ?? []), ...(this.watch?.notes() ?? [])];
    if (captureNotes.length) (report.notes ??= []).push(...captureNotes);
    if (this.stalledSec > 1) (report.notes ??= []).push(`${this.stalledSec.toFixed(1)} s of silence were filled in where an audio device delivered nothing`);
    const visionLeft = [...this.unsaved.vision, ...this.pendingVision];
    this.pendingVision = [];
    this.unsaved = { closed: [], vision: [] };
    if (visionLeft.length) await whileBusy(() => this.opts.store.checkpoint(id, [], [], pipeline.timeSec, visionLeft));
    this.audioWriter?.close();
    await whileBusy(() => this.opts.store.finish(id, report, pipeline.segmentRecords()));
    if (this.ownsTranscriber) await this.transcriber?.close();
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
    if (this.ownsTranscriber) await this.transcriber?.close().catch(() => undefined);
    this.audioWriter?.close();
    this.state = 'idle';
  }
}
