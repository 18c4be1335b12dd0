// What the service needs of a live session and of capture sources. The real
// ones (engine/live, engine/capture) are wired in by create-engine.ts; tests
// may hand in fakes. Keeping the service on these shapes means it never
// imports capture code that only works on one platform.
import type { CaptureMode } from '../../contract/engine-api';
import type { LiveSnapshot } from '../../contract/live';
import type { AnalysisReport, Side } from '../../contract/report';
import type { Settings } from '../../contract/settings';
import type { LiveStore } from '../live/live-session';
import type { VisionFrame } from '../vision/tracker';
import type { VisionSample } from '../../contract/calls';

export interface LiveSessionLike {
  start(): Promise<number>;
  stop(): Promise<AnalysisReport>;
  abort(): unknown;
  snapshot(): LiveSnapshot;
  on(event: 'snapshot', cb: (s: LiveSnapshot) => void): unknown;
  on(event: 'error', cb: (err: unknown) => void): unknown;
  /** A finite source (a replay) ran out. */
  on(event: 'source-end', cb: (label: string) => void): unknown;
  removeAllListeners(): unknown;
  /** Screen-vision samples of the running call (stored with it). */
  addVisionSamples?(samples: VisionSample[]): void;
}

/** Turns screen frames into vision samples (engine/vision VisionTracker). */
export interface VisionTrackerLike {
  push(frame: VisionFrame): Promise<VisionSample | null>;
}

/** A source the window pushes PCM into (capture mode 'push'). */
export interface PushSink {
  push(pcm: Float32Array): void;
}

export interface CaptureRequest {
  capture: CaptureMode;
  sampleRate?: number;
  settings: Settings;
}

export interface CaptureSet {
  /** Opaque to the service: handed to the session factory. */
  sources: unknown[];
  /** For capture mode 'push': where each side's PCM goes. */
  push?: Partial<Record<Side, PushSink>>;
}

export interface SessionRequest {
  /** The store's worker thread, as a live call uses it. */
  store: LiveStore;
  sources: unknown[];
  title?: string;
  keepAudio: boolean;
}

export type SessionFactory = (req: SessionRequest) => LiveSessionLike;
export type CaptureFactory = (req: CaptureRequest) => CaptureSet | Promise<CaptureSet>;
