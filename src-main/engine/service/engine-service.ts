// EngineService: the one implementation of contract/engine-api.ts. It owns
// the store, the running call, the coach, settings, trends and retention,
// and tells its listeners (the RPC connections) what happens as onX events.
// Payloads arrive validated (contract validators run in the transport).
// The store is a worker thread's (store/worker): history work (a search, an
// export, a delete and its VACUUM) never runs on the live call's thread.
import { EventEmitter } from 'node:events';
import type { CallSummary, ExportFormat, TrendPoint } from '../../contract/calls';
import type {
  CallView, CaptureDevice, CaptureMode, EngineApi, EngineEvent, EngineEvents, EngineStatus, ExportResult, StartCallRequest, VideoFrame,
} from '../../contract/engine-api';
import { CandorError, serializeError } from '../../contract/errors';
import { IDLE_UPKEEP } from '../../contract/history-upkeep';
import { idleSnapshot, type LiveSnapshot } from '../../contract/live';
import type { Side } from '../../contract/report';
import type { ImportRequest, TranscriptInfo } from '../../contract/imports';
import type { Settings, SettingsPatch } from '../../contract/settings';
import { NudgeCoach } from '../coach/coach';
import type { StoreClient } from '../store/worker/store-client';
import type { CaptureFactory, LiveSessionLike, PushSink, SessionFactory, VisionTrackerLike } from './live-types';
import { RETENTION_INTERVAL_MS } from './retention';
import { callMarks } from './timeline-marks';
import { transcriptMarks } from './transcript-marks';
import { CallImports, type CallImportsDeps } from './call-imports';
import { CallWatch, type CallWatchOptions } from './call-watch';

export interface EngineServiceOptions {
  /** The store's worker thread (openStoreWorker): history, settings, retention. */
  store: StoreClient;
  /**
   * A second store thread for live calls only, so that their checkpoints
   * never wait behind a long export or VACUUM in the first; closed with it.
   */
  liveStore?: StoreClient;
  createSession: SessionFactory;
  createCapture: CaptureFactory;
  /** How this machine captures by default. */
  captureMode: CaptureMode;
  listDevices?: () => Promise<CaptureDevice[]>;
  languageAvailable?: () => boolean;
  version?: string;
  platform?: string;
  now?: () => Date;
  coach?: NudgeCoach;
  /** Screen vision for a call; resolves null when it cannot run here (no YuNet model). */
  createVisionTracker?: () => Promise<VisionTrackerLike | null>;
  /** Call detector overrides (tests); the detector runs once startCallWatch() is called. */
  callWatch?: Pick<CallWatchOptions, 'detector' | 'createDetector'>;
  /** File analysis for imports (tests may slow it down). */
  analyzeFiles?: CallImportsDeps['analyze'];
}

interface Running {
  session: LiveSessionLike;
  callId: number;
  push?: Partial<Record<Side, PushSink>>;
  /** Created on the call's first video frame; null when vision cannot run. */
  vision?: Promise<VisionTrackerLike | null>;
}

export class EngineService implements EngineApi {
  private readonly events = new EventEmitter();
  private readonly coach: NudgeCoach;
  private running: Running | null = null;
  private lastSnapshot: LiveSnapshot = idleSnapshot();
  /** start/stop run one at a time, in order. */
  private lifecycle: Promise<unknown> = Promise.resolve();
  private retentionTimer: ReturnType<typeof setInterval> | null = null;
  private closed = false;
  private readonly imports: CallImports;
  private readonly watch: CallWatch;
  private watching = false;

  constructor(private readonly opts: EngineServiceOptions) {
    this.events.setMaxListeners(50);
    this.imports = new CallImports({
      save: (call, report, segments, utterances) => this.store.saveComplete(call, report, segments, utterances),
      summary: (id) => this.summary(id),
      getSettings: () => this.store.getSettings(),
      updateSettings: (patch) => this.updateSettings(patch),
      onProgress: (p) => this.emit('onImportProgress', p),
      onFinished: (p) => {
        this.emit('onImportFinished', p);
        if (p.ok) this.emit('onCallsChanged', { reason: 'added', ids: [p.call.id] });
      },
      analyze: opts.analyzeFiles,
    });
    this.watch = new CallWatch({
      ...opts.callWatch,
      platform: opts.platform ?? process.platform,
      captureMode: opts.captureMode,
      isRunning: () => this.running !== null,
      startCall: () => this.startCall({}),
      onNotice: (n) => this.emit('onCallNoticed', n),
      onError: (err) => this.emit('onError', serializeError(err)),
    });
    this.coach = opts.coach ?? new NudgeCoach(); // its settings are applied when a call starts and when they change
    // The scrub and fresh backup after a delete, as the store's thread reports them: the history window says when they are done.
    opts.store.onUpkeep((state) => this.emit('onHistoryUpkeep', state));
  }

  private get store(): StoreClient {
    return this.opts.store;
  }

  private now(): Date {
    return this.opts.now?.() ?? new Date();
  }

  on<E extends EngineEvent>(event: E, cb: (payload: EngineEvents[E]) => void): () => void {
    this.events.on(event, cb);
    return () => this.events.off(event, cb);
  }

  private emit<E extends EngineEvent>(event: E, payload: EngineEvents[E]): void {
    this.events.emit(event, payload);
  }

  /** Runs retention now and every few hours after (in the store's thread, like all history work). */
  startHousekeeping(): void {
    const run = (): void => void this.runRetention().catch((err: unknown) => this.emit('onError', serializeError(err)));
    run();
    this.retentionTimer ??= setInterval(run, RETENTION_INTERVAL_MS);
    this.retentionTimer.unref?.();
  }

  /** Watches the microphone for calls while the engine runs (as the settings say). */
  async startCallWatch(): Promise<void> {
    this.watching = true;
    this.watch.apply(await this.store.getSettings());
  }

  async runRetention(): Promise<number[]> {
    const settings = await this.store.getSettings();
    const ids = await this.store.applyRetention(settings.retentionDays, this.now());
    if (ids.length) this.emit('onCallsChanged', { reason: 'retention', ids });
    return ids;
  }

  // ---- live -------------------------------------------------------------

  async status(): Promise<EngineStatus> {
    const calls = await this.store.countCalls();
    return {
      version: this.opts.version ?? '0.0.0',
      platform: this.opts.platform ?? process.platform,
      captureMode: this.opts.captureMode,
      live: this.lastSnapshot.state,
      callId: this.running?.callId ?? null,
      languageAvailable: this.opts.languageAvailable?.() ?? false,
      dbPath: this.opts.store.path,
      calls,
      callDetection: this.watch.status,
      historyUpkeep: this.opts.store.upkeep ?? { ...IDLE_UPKEEP },
    };
  }

  async snapshot(): Promise<LiveSnapshot> {
    return this.running ? this.running.session.snapshot() : this.lastSnapshot;
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.lifecycle.then(fn, fn);
    this.lifecycle = next.catch(() => undefined);
    return next;
  }

  startCall(req: StartCallRequest): Promise<{ callId: number }> {
    return this.serial(async () => {
      if (this.closed) throw new CandorError('INTERNAL', 'the engine is shutting down');
      if (this.running) return { callId: this.running.callId }; // one call at a time: starting twice is harmless
      const settings = await this.store.getSettings();
      this.coach.setMuted(settings.nudges.muted);
      this.coach.setPaused(settings.nudges.paused);
      if (!settings.consent.accepted) {
        throw new CandorError('PERMISSION_DENIED', 'Candor has not been given consent to capture calls yet',
          'Open the history window and read the privacy notice; capture starts only after you agree.');
      }
      const capture = req.capture ?? this.opts.captureMode;
      const set = await this.opts.createCapture({ capture, sampleRate: req.sampleRate, settings });
      const session = this.opts.createSession({ store: this.opts.liveStore ?? this.store, sources: set.sources, title: req.title, keepAudio: settings.keepAudio });
      session.on('snapshot', (s) => this.onSnapshot(s));
      // A source that failed does not come back, and a replay that ended has
      // nothing more to say: either way the call is saved with what it has.
      session.on('error', (err) => {
        this.emit('onError', serializeError(err));
        this.endAfterFailure(session, err);
      });
      session.on('source-end', () => {
        if (this.running?.session === session) void this.stopCall().catch((e: unknown) => this.emit('onError', serializeError(e)));
      });
      this.coach.reset();
      this.publish({ ...idleSnapshot(), state: 'starting' });
      let callId: number;
      try {
        callId = await session.start();
      } catch (err) {
        session.removeAllListeners();
        this.publish(idleSnapshot());
        throw err;
      }
      this.running = { session, callId, push: set.push };
      this.emit('onCallsChanged', { reason: 'added', ids: [callId] });
      return { callId };
    });
  }

  private publish(s: LiveSnapshot): void {
    this.lastSnapshot = s;
    this.emit('onSnapshot', s);
  }

  private onSnapshot(s: LiveSnapshot): void {
    this.publish(s);
    const nudge = this.coach.observe(s);
    if (nudge) this.emit('onNudge', nudge);
  }

  private endAfterFailure(session: LiveSessionLike, err: unknown): void {
    if (this.running?.session !== session) return;
    if (err instanceof CandorError && err.code === 'DISK_FULL') {
      // Nothing more can be written: stop capturing; what was committed is recovered on the next start.
      this.running = null;
      session.removeAllListeners();
      void Promise.resolve(session.abort()).finally(() => this.publish(idleSnapshot()));
      return;
    }
    void this.stopCall().catch((e: unknown) => this.emit('onError', serializeError(e)));
  }

  stopCall(): Promise<CallSummary | null> {
    return this.serial(async () => {
      const r = this.running;
      if (!r) return null;
      this.publish({ ...r.session.snapshot(), state: 'stopping' });
      try {
        await r.session.stop();
      } finally {
        r.session.removeAllListeners();
        this.running = null;
        this.publish(idleSnapshot());
      }
      const summary = await this.summary(r.callId);
      this.emit('onCallEnded', summary);
      this.emit('onCallsChanged', { reason: 'updated', ids: [r.callId] });
      return summary;
    });
  }

  private async summary(id: number): Promise<CallSummary> {
    const d = await this.store.get(id);
    return {
      id: d.id, title: d.title, startedAt: d.startedAt, durationSec: d.durationSec, source: d.source, status: d.status,
      recovered: d.recovered, talkShare: d.talkShare, paceWpm: d.paceWpm, longestMonologueSec: d.longestMonologueSec,
      patienceMeanSec: d.patienceMeanSec, questionsMe: d.questionsMe, sparkline: d.sparkline,
    };
  }

  async pushAudio(p: { side: Side; pcm: Float32Array }): Promise<void> {
    this.running?.push?.[p.side]?.push(p.pcm); // no call or not pushing: dropped, as a one-way message must be
  }

  async pushVideoFrame(p: VideoFrame): Promise<void> {
    const run = this.running;
    if (!run || !this.opts.createVisionTracker) return; // no call, or no vision here: dropped
    run.vision ??= this.opts.createVisionTracker().catch(() => null);
    const tracker = await run.vision;
    if (!tracker || this.running !== run) return;
    try {
      const sample = await tracker.push({ data: p.rgba, format: 'rgba', width: p.width, height: p.height, timestampSec: p.t });
      if (sample && this.running === run) run.session.addVisionSamples?.([sample]);
    } catch (err) {
      this.emit('onError', serializeError(err));
    }
  }

  // ---- history ------------------------------------------------------------

  async listCalls(p: { limit?: number; offset?: number }): Promise<CallSummary[]> {
    return this.store.list(p);
  }

  async searchCalls(p: { query: string; limit?: number }): Promise<CallSummary[]> {
    if (p.query.trim() === '') return this.store.list({ limit: p.limit });
    return this.store.search(p.query, p.limit);
  }

  async getCall(p: { id: number }): Promise<CallView> {
    const d = await this.store.get(p.id);
    return { ...d, marks: callMarks(d.segments), lineMarks: transcriptMarks(d.utterances, d.report) };
  }

  async updateCall(p: { id: number; title?: string; notes?: string }): Promise<CallView> {
    const title = p.title?.trim();
    if (p.title !== undefined && !title) throw new CandorError('BAD_ARGUMENT', 'a call needs a title', 'Type a few words for the title.');
    await this.store.update(p.id, { title, notes: p.notes });
    this.emit('onCallsChanged', { reason: 'updated', ids: [p.id] });
    return this.getCall({ id: p.id });
  }

  async deleteCalls(p: { ids: number[] | 'all' }): Promise<{ deleted: number }> {
    const live = this.running?.callId;
    if (live !== undefined && (p.ids === 'all' || p.ids.includes(live))) {
      throw new CandorError('BAD_ARGUMENT', `call ${live} is being recorded`, 'Stop the call first, then delete it.');
    }
    // A call another Candor is recording is kept by "all" and refused by id (store/live-calls.ts).
    const { deleted } = await this.store.deleteCalls(p.ids);
    this.emit('onCallsChanged', { reason: 'deleted', ids: p.ids });
    return { deleted };
  }

  async trends(p: { weeks?: number }): Promise<TrendPoint[]> {
    return this.store.trends({ weeks: p.weeks, now: this.now() });
  }

  /** Written by the store's thread, straight to the file. */
  async exportToFile(p: { ids: number[] | 'all'; format: ExportFormat; path: string; exportId?: string }): Promise<ExportResult> {
    const { exportId } = p;
    if (exportId === undefined) return this.store.exportToFile(p.ids, p.format, p.path);
    return this.store.requestWithProgress('exportToFile', (done, total) => this.emit('onExportProgress', { exportId, done, total }),
      p.ids, p.format, p.path);
  }

  // ---- settings -------------------------------------------------------------

  async getSettings(): Promise<Settings> {
    return this.store.getSettings();
  }

  async updateSettings(patch: SettingsPatch): Promise<Settings> {
    const before = await this.store.getSettings();
    const s = await this.store.updateSettings(patch, this.now());
    this.coach.setMuted(s.nudges.muted);
    this.coach.setPaused(s.nudges.paused);
    this.emit('onSettingsChanged', s);
    if (s.retentionDays !== before.retentionDays) await this.runRetention();
    if (this.watching) this.watch.apply(s);
    return s;
  }

  // ---- adding calls from files ------------------------------------------------

  async transcriptInfo(p: { path: string }): Promise<TranscriptInfo> {
    return this.imports.transcriptInfo(p.path);
  }

  async importCall(p: ImportRequest): Promise<{ importId: string }> {
    if (this.closed) throw new CandorError('INTERNAL', 'the engine is shutting down');
    return this.imports.start(p);
  }

  async cancelImport(p: { importId: string }): Promise<{ cancelled: boolean }> {
    return this.imports.cancel(p.importId);
  }

  async listDevices(): Promise<CaptureDevice[]> {
    return (await this.opts.listDevices?.()) ?? [];
  }

  async shutdown(): Promise<void> {
    if (this.closed) return;
    this.watch.stop();
    this.watching = false;
    await this.imports.cancelAll();
    if (this.running) {
      try {
        await this.stopCall();
      } catch (err) {
        this.emit('onError', serializeError(err));
      }
    }
    this.closed = true;
    if (this.retentionTimer) clearInterval(this.retentionTimer);
    this.retentionTimer = null;
    await Promise.all([this.store.close(), this.opts.liveStore?.close()]);
  }
}
