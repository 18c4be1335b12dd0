// Wires the real engine: the SQLite store (interrupted calls recovered
// first), LiveSession, and the capture sources of this machine: PulseAudio
// mic + monitor on Linux, PCM pushed by a window on macOS/Windows, or a
// replayed recording (demos, the end-to-end tests).
import type { CaptureMode } from '../../contract/engine-api';
import { CandorError } from '../../contract/errors';
import type { Side } from '../../contract/report';
import { StreamResampler } from '../audio/resampler';
import { PushCaptureSource, type CaptureSource } from '../capture/capture-source';
import { pickPulseDevices, PulseSource } from '../capture/pulse';
import { ReplaySource } from '../capture/replay-source';
import { createTranscriber } from '../asr/transcriber';
import { LiveSession } from '../live/live-session';
import { VisionTracker } from '../vision/tracker';
import { loadManifest } from '../models/manifest';
import { modelStatus } from '../models/resolve';
import { audioDir, defaultDbPath } from '../store/paths';
import { openStoreWorker, type StoreClient } from '../store/worker/store-client';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { listPulseDevices } from './devices';
import { EngineService, type EngineServiceOptions } from './engine-service';
import type { CaptureSet, PushSink } from './live-types';

export interface CreateEngineOptions {
  dbPath?: string;
  /** Replay this recording instead of capturing (stereo: ch0 = me, ch1 = them). */
  replay?: { file: string; speed?: number };
  version?: string;
  platform?: NodeJS.Platform;
  /** Call detector overrides (the e2e tests watch a test PulseAudio source). */
  callWatch?: EngineServiceOptions['callWatch'];
  /** The imports' analysis (the e2e tests hold an audio import open until it is cancelled). */
  analyzeFiles?: EngineServiceOptions['analyzeFiles'];
}

export interface Engine {
  service: EngineService;
  /** The history's store thread. */
  store: StoreClient;
  /** The live call's store thread: its checkpoints never queue behind history work. */
  liveStore: StoreClient;
  /** Calls found interrupted at start and rebuilt. */
  recovered: number[];
}

/** Where a kept call recording goes: the app-data audio folder, readable by this user only. */
export function newAudioFile(env: NodeJS.ProcessEnv = process.env): string {
  const dir = audioDir(env);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return join(dir, `call-${new Date().toISOString().replace(/[:.]/g, '-')}.wav`);
}

/** The ASR model is what language figures (questions, fillers) need. */
export function asrAvailable(): boolean {
  try {
    return loadManifest().some((m) => m.kind === 'asr' && modelStatus(m.name).status === 'ok');
  } catch {
    return false;
  }
}

/** PCM at the window's rate, resampled to the engine's 16 kHz, into a push source. */
async function resamplingSink(source: PushCaptureSource, fromRate: number): Promise<PushSink> {
  const rs = await StreamResampler.create(fromRate);
  return {
    push(pcm) {
      const out = rs.process(pcm);
      if (out.length) source.push(out);
    },
  };
}

export function captureModeFor(platform: NodeJS.Platform, replay: boolean): CaptureMode {
  return replay || platform === 'linux' ? 'engine' : 'push';
}

/** How long a live checkpoint waits for the database before it is kept for the next second. */
export const LIVE_BUSY_TIMEOUT_MS = 1000;

const BACKLOG_SLICE_MS = 15;
const BACKLOG_EVERY_MS = 500;

/**
 * Calls stored before schema 4 are brought up to date, and calls sealed
 * before schema 6 sealed by parts (store/backlog.ts, store/reseal.ts), in
 * small slices on the store's thread, one slice every half second, until
 * none is left; a closed or failing store ends it (the next start goes on).
 * A call found damaged on the way keeps its old digest, so the history and
 * `candor doctor` go on naming it.
 */
function startBacklog(store: StoreClient): void {
  const next = (): void => {
    setTimeout(() => {
      if (store.closed) return;
      store.workOffBacklog(BACKLOG_SLICE_MS).then((r) => {
        if (r.more) next();
      }, () => undefined);
    }, BACKLOG_EVERY_MS).unref();
  };
  next();
}

export async function createEngine(opts: CreateEngineOptions = {}): Promise<Engine> {
  const platform = opts.platform ?? process.platform;
  const path = opts.dbPath ?? defaultDbPath();
  // One after the other: the first one to open runs the migrations.
  const store = await openStoreWorker(path);
  let liveStore: StoreClient;
  let recovered: number[];
  try {
    recovered = await store.recoverInterrupted();
    // The history's thread scrubs deleted calls and writes backups; the live call's thread only records.
    liveStore = await openStoreWorker(path, { busyTimeoutMs: LIVE_BUSY_TIMEOUT_MS, upkeep: false });
  } catch (err) {
    await store.close();
    throw err;
  }
  startBacklog(store);
  const service = new EngineService({
    store,
    liveStore,
    captureMode: captureModeFor(platform, Boolean(opts.replay)),
    version: opts.version,
    platform,
    callWatch: opts.callWatch,
    analyzeFiles: opts.analyzeFiles,
    languageAvailable: asrAvailable,
    listDevices: platform === 'linux' && !opts.replay ? listPulseDevices : undefined,
    async createCapture(req): Promise<CaptureSet> {
      if (req.capture === 'push') {
        const rate = req.sampleRate ?? 48_000;
        const sources = (['me', 'them'] as Side[]).map((side) => new PushCaptureSource(side, side === 'me' ? 'microphone' : 'system audio'));
        const [me, them] = await Promise.all(sources.map((s) => resamplingSink(s, rate)));
        return { sources, push: { me, them } };
      }
      if (opts.replay) return { sources: [new ReplaySource({ file: opts.replay.file }, opts.replay.speed ?? 1)] };
      if (platform !== 'linux') {
        throw new CandorError('CAPTURE_FAILED', `the engine captures by itself on Linux only (this is ${platform})`,
          'Start the call from the coach window, which captures through the operating system.');
      }
      const d = pickPulseDevices({ mic: req.settings.capture.mic ?? undefined, monitor: req.settings.capture.system ?? undefined });
      // Devices left to the default in Settings follow the default mid-call (headphones, a headset, a device removed).
      const { mic, system } = req.settings.capture;
      return { sources: [new PulseSource('me', d.mic, mic ? undefined : 'source'), new PulseSource('them', d.monitor, system ? undefined : 'sink')] };
    },
    createSession: (req) => new LiveSession({
      store: req.store,
      sources: req.sources as CaptureSource[],
      title: req.title,
      transcriber: () => createTranscriber(),
      keepAudioFile: req.keepAudio ? newAudioFile() : undefined,
    }),
    async createVisionTracker() {
      if (modelStatus('yunet-320').status !== 'ok') return null; // `npm run models` installs it
      return VisionTracker.create();
    },
  });
  return { service, store, liveStore, recovered };
}
