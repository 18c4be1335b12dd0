// The engine service's contract: one interface, every method's payload
// validator, who may call it, the events it sends (named onX) and the
// channel it is served on. The engine (utilityProcess) serves it over a
// MessagePort per window; the preload exposes exactly these methods; the
// test transport serves the same contract over a loopback WebSocket.
// Pure TS: no node, dom or electron imports.
import type { CallDetail, CallSummary, ExportFormat, TrendPoint } from './calls';
import type { SerializedError } from './errors';
import type { HistoryUpkeep } from './history-upkeep';
import type { LiveSnapshot } from './live';
import type { Side, Span } from './report';
import {
  expectImportId, expectPath, validateImportRequest, type ImportFinished, type ImportProgress, type ImportRequest, type TranscriptInfo,
} from './imports';
import { validateSettingsPatch, type NudgeKind, type Settings, type SettingsPatch } from './settings';
import { expectInteger, expectNumber, expectObject, expectOneOf, expectString, invalidParameterError } from './validate';
import { expectOnlyKeys } from './settings';

export const ENGINE_CHANNEL = 'candor.engine';
/** The ipc channel on which main hands a window its MessagePort to the engine. */
export const ENGINE_PORT_CHANNEL = 'candor:engine-port';

/** Who is on the other end of a port: a window (HUD, history) or Electron main. */
export type Role = 'window' | 'main';

// ---- shapes ------------------------------------------------------------

export interface Nudge {
  id: string;
  kind: NudgeKind;
  title: string;
  detail: string;
  callId: number;
  /** Call time at which it fired. */
  atSec: number;
}

/** 'engine': the engine captures both sides itself (PulseAudio mic + monitor on Linux, or a replay);
 *  'push': a window captures (getUserMedia + desktopCapturer loopback) and pushes PCM. */
export type CaptureMode = 'engine' | 'push';

export interface CaptureDevice {
  id: string;
  label: string;
  kind: 'mic' | 'system';
  isDefault: boolean;
}

export interface EngineStatus {
  version: string;
  platform: string;
  captureMode: CaptureMode;
  live: LiveSnapshot['state'];
  callId: number | null;
  /** Language figures (questions, fillers) need the ASR model: `npm run models`. */
  languageAvailable: boolean;
  dbPath: string;
  calls: number;
  callDetection: CallDetectionStatus;
  /** The work after a delete as it stands now (then onHistoryUpkeep tells each change). */
  historyUpkeep: HistoryUpkeep;
}

export interface CallMarks {
  interruptions: { me: Span[]; them: Span[] };
  monologues: { me: Span[]; them: Span[] };
}

/** What the call view marks on one transcript line (METRICS.md "Language metrics"). */
export interface TranscriptLineMarks {
  /** [start, end) character offsets of the fillers in the line's text; mine only (fillers count for me). */
  fillers: [number, number][];
  question: boolean;
  /** One of the report's engaging questions. */
  engaging: boolean;
  /** One of the report's next-step items. */
  nextStep: boolean;
}

/** One call as the call view shows it: the stored detail plus timeline and transcript marks. */
export interface CallView extends CallDetail {
  marks: CallMarks;
  /** One entry per utterance, in the order of `utterances`. */
  lineMarks: TranscriptLineMarks[];
}

export interface StartCallRequest {
  title?: string;
  capture?: CaptureMode;
  /** Sample rate of the PCM a window will push (capture 'push' only). */
  sampleRate?: number;
}

export interface ExportResult {
  path: string;
  calls: number;
  bytes: number;
}

/** How far an export to a file is: calls written of the calls to write. */
export interface ExportProgress {
  /** The id main gave the export (exportToFile's exportId). */
  exportId: string;
  done: number;
  total: number;
}

/** The call detector's news: another app took the microphone (a call began), or released it for a while (it ended). */
export type CallNotice =
  | { kind: 'started'; apps: string[]; at: string; /** The engine started coaching by itself (Settings: start automatically). */ autoStarted: boolean }
  | { kind: 'ended'; releasedSec: number; at: string; /** A call of ours is running, so the HUD offers to stop it. */ callRunning: boolean };

/** Whether the engine watches the microphone for calls, and why not when it does not. */
export interface CallDetectionStatus {
  state: 'watching' | 'off' | 'unsupported' | 'failed';
  reason?: string;
}

export type CallsChange = { reason: 'added' | 'updated' | 'deleted' | 'retention'; ids: number[] | 'all' };

// ---- the interface -----------------------------------------------------

/** A screen frame for vision (contract method pushVideoFrame). */
export interface VideoFrame {
  width: number;
  height: number;
  /** RGBA, 4 bytes per pixel, rows tightly packed. */
  rgba: Uint8Array;
  /** Seconds since the call started, by the sender's clock. */
  t: number;
}

export interface EngineApi {
  status(p: void): Promise<EngineStatus>;
  snapshot(p: void): Promise<LiveSnapshot>;
  startCall(p: StartCallRequest): Promise<{ callId: number }>;
  /** Stops the running call and returns it as saved; null when none runs. */
  stopCall(p: void): Promise<CallSummary | null>;
  /** One-way: PCM of one side, for capture mode 'push'. */
  pushAudio(p: { side: Side; pcm: Float32Array }): Promise<void>;
  /**
   * One-way: a frame of the shared screen or call window (RGBA, tightly
   * packed), for screen vision: faces, cameras on, heads to the screen.
   * Sent at about 2 fps; frames that come sooner are dropped.
   */
  pushVideoFrame(p: VideoFrame): Promise<void>;
  listCalls(p: { limit?: number; offset?: number }): Promise<CallSummary[]>;
  searchCalls(p: { query: string; limit?: number }): Promise<CallSummary[]>;
  getCall(p: { id: number }): Promise<CallView>;
  updateCall(p: { id: number; title?: string; notes?: string }): Promise<CallView>;
  deleteCalls(p: { ids: number[] | 'all' }): Promise<{ deleted: number }>;
  trends(p: { weeks?: number }): Promise<TrendPoint[]>;
  getSettings(p: void): Promise<Settings>;
  updateSettings(p: SettingsPatch): Promise<Settings>;
  listDevices(p: void): Promise<CaptureDevice[]>;
  /** Main only: writes an export to a path the user chose in a save dialog. */
  exportToFile(p: { ids: number[] | 'all'; format: ExportFormat; path: string; exportId?: string }): Promise<ExportResult>;
  /** Main only (it checked the path): a transcript's speakers with their talk time, for choosing "me". */
  transcriptInfo(p: { path: string }): Promise<TranscriptInfo>;
  /**
   * Main only (it checked the paths): analyses a file pair as `candor analyze --save`
   * does and stores the call. Returns once started; onImportProgress and
   * onImportFinished follow. Nothing is stored when it fails or is cancelled.
   */
  importCall(p: ImportRequest): Promise<{ importId: string }>;
  cancelImport(p: { importId: string }): Promise<{ cancelled: boolean }>;
  /** Main only: stops a running call and closes the store. */
  shutdown(p: void): Promise<void>;
}

export type EngineMethod = keyof EngineApi;
export type EnginePayload<M extends EngineMethod> = Parameters<EngineApi[M]>[0];
export type EngineResult<M extends EngineMethod> = Awaited<ReturnType<EngineApi[M]>>;

export interface EngineEvents {
  onSnapshot: LiveSnapshot;
  onNudge: Nudge;
  onCallEnded: CallSummary;
  onCallsChanged: CallsChange;
  onSettingsChanged: Settings;
  onError: SerializedError;
  onImportProgress: ImportProgress;
  onImportFinished: ImportFinished;
  onCallNoticed: CallNotice;
  /** While an export with an exportId runs: every 100 calls, and at the end. */
  onExportProgress: ExportProgress;
  /** The scrub and fresh backup after a delete: sent at each change, ending with idle (contract/history-upkeep.ts). */
  onHistoryUpkeep: HistoryUpkeep;
}
export type EngineEvent = keyof EngineEvents;
export const ENGINE_EVENTS: readonly EngineEvent[] = [
  'onSnapshot', 'onNudge', 'onCallEnded', 'onCallsChanged', 'onSettingsChanged', 'onError', 'onImportProgress', 'onImportFinished', 'onCallNoticed',
  'onExportProgress', 'onHistoryUpkeep',
];

// ---- validators --------------------------------------------------------

export interface MethodSpec<P> {
  validate: (v: unknown) => P;
  roles: readonly Role[];
  /** No reply is sent (hot path: audio). */
  oneWay?: boolean;
}

const ANY: readonly Role[] = ['window', 'main'];
const MAIN: readonly Role[] = ['main'];

export const LIMITS = {
  titleLength: 200,
  notesLength: 20_000,
  queryLength: 200,
  listLimit: 5_000,
  ids: 10_000,
  pathLength: 4_096,
  /** Samples in one pushAudio message: up to 1 s at 192 kHz. */
  pcmSamples: 192_000,
  /** Largest side of a video frame. */
  frameSide: 4_096,
  weeks: 520,
} as const;

function noPayload(name: string) {
  return (v: unknown): void => {
    if (v === undefined || v === null) return;
    if (typeof v === 'object' && !Array.isArray(v) && Object.keys(v as object).length === 0) return;
    throw invalidParameterError(name, 'no payload', v);
  };
}

function optionalObject(v: unknown, name: string): Record<string, unknown> {
  return v === undefined || v === null ? {} : expectObject(v, name);
}

function expectId(v: unknown, name: string): number {
  return expectInteger(v, name, 1, Number.MAX_SAFE_INTEGER);
}

function expectIds(v: unknown, name: string): number[] | 'all' {
  if (v === 'all') return 'all';
  if (!Array.isArray(v) || v.length === 0 || v.length > LIMITS.ids) {
    throw invalidParameterError(name, `'all' or a non-empty array of at most ${LIMITS.ids} call ids`, v);
  }
  return v.map((x, i) => expectId(x, `${name}[${i}]`));
}

export const ENGINE_METHODS: { [M in EngineMethod]: MethodSpec<EnginePayload<M>> } = {
  status: { roles: ANY, validate: noPayload('status') },
  snapshot: { roles: ANY, validate: noPayload('snapshot') },
  startCall: {
    roles: ANY,
    validate(v) {
      const o = optionalObject(v, 'startCall');
      expectOnlyKeys(o, ['title', 'capture', 'sampleRate'], 'startCall');
      const out: StartCallRequest = {};
      if (o.title !== undefined) out.title = expectString(o.title, 'startCall.title', { maxLength: LIMITS.titleLength });
      if (o.capture !== undefined) out.capture = expectOneOf(o.capture, ['engine', 'push'] as const, 'startCall.capture');
      if (o.sampleRate !== undefined) out.sampleRate = expectInteger(o.sampleRate, 'startCall.sampleRate', 8_000, 192_000);
      if (out.capture === 'push' && out.sampleRate === undefined) {
        throw invalidParameterError('startCall.sampleRate', 'an integer between 8000 and 192000 when capture is push', o.sampleRate);
      }
      return out;
    },
  },
  stopCall: { roles: ANY, validate: noPayload('stopCall') },
  pushAudio: {
    roles: ANY,
    oneWay: true,
    validate(v) {
      const o = expectObject(v, 'pushAudio');
      expectOnlyKeys(o, ['side', 'pcm'], 'pushAudio');
      const side = expectOneOf(o.side, ['me', 'them'] as const, 'pushAudio.side');
      if (!(o.pcm instanceof Float32Array) || o.pcm.length === 0 || o.pcm.length > LIMITS.pcmSamples) {
        throw invalidParameterError('pushAudio.pcm', `a Float32Array of 1 to ${LIMITS.pcmSamples} samples`, o.pcm);
      }
      return { side, pcm: o.pcm };
    },
  },
  pushVideoFrame: {
    roles: ANY,
    oneWay: true,
    validate(v) {
      const o = expectObject(v, 'pushVideoFrame');
      expectOnlyKeys(o, ['width', 'height', 'rgba', 't'], 'pushVideoFrame');
      const width = expectInteger(o.width, 'pushVideoFrame.width', 16, LIMITS.frameSide);
      const height = expectInteger(o.height, 'pushVideoFrame.height', 16, LIMITS.frameSide);
      if (!(o.rgba instanceof Uint8Array) || o.rgba.length !== width * height * 4) {
        throw invalidParameterError('pushVideoFrame.rgba', `a Uint8Array of width * height * 4 = ${width * height * 4} bytes`, o.rgba);
      }
      const t = expectNumber(o.t, 'pushVideoFrame.t', 0, 1e7);
      return { width, height, rgba: o.rgba, t };
    },
  },
  listCalls: {
    roles: ANY,
    validate(v) {
      const o = optionalObject(v, 'listCalls');
      expectOnlyKeys(o, ['limit', 'offset'], 'listCalls');
      const out: { limit?: number; offset?: number } = {};
      if (o.limit !== undefined) out.limit = expectInteger(o.limit, 'listCalls.limit', 1, LIMITS.listLimit);
      if (o.offset !== undefined) out.offset = expectInteger(o.offset, 'listCalls.offset', 0, Number.MAX_SAFE_INTEGER);
      return out;
    },
  },
  searchCalls: {
    roles: ANY,
    validate(v) {
      const o = expectObject(v, 'searchCalls');
      expectOnlyKeys(o, ['query', 'limit'], 'searchCalls');
      const out: { query: string; limit?: number } = {
        query: expectString(o.query, 'searchCalls.query', { maxLength: LIMITS.queryLength, allowEmpty: true }),
      };
      if (o.limit !== undefined) out.limit = expectInteger(o.limit, 'searchCalls.limit', 1, LIMITS.listLimit);
      return out;
    },
  },
  getCall: {
    roles: ANY,
    validate(v) {
      const o = expectObject(v, 'getCall');
      expectOnlyKeys(o, ['id'], 'getCall');
      return { id: expectId(o.id, 'getCall.id') };
    },
  },
  updateCall: {
    roles: ANY,
    validate(v) {
      const o = expectObject(v, 'updateCall');
      expectOnlyKeys(o, ['id', 'title', 'notes'], 'updateCall');
      const out: { id: number; title?: string; notes?: string } = { id: expectId(o.id, 'updateCall.id') };
      if (o.title !== undefined) out.title = expectString(o.title, 'updateCall.title', { maxLength: LIMITS.titleLength });
      if (o.notes !== undefined) out.notes = expectString(o.notes, 'updateCall.notes', { maxLength: LIMITS.notesLength, allowEmpty: true });
      return out;
    },
  },
  deleteCalls: {
    roles: ANY,
    validate(v) {
      const o = expectObject(v, 'deleteCalls');
      expectOnlyKeys(o, ['ids'], 'deleteCalls');
      return { ids: expectIds(o.ids, 'deleteCalls.ids') };
    },
  },
  trends: {
    roles: ANY,
    validate(v) {
      const o = optionalObject(v, 'trends');
      expectOnlyKeys(o, ['weeks'], 'trends');
      return o.weeks === undefined ? {} : { weeks: expectInteger(o.weeks, 'trends.weeks', 1, LIMITS.weeks) };
    },
  },
  getSettings: { roles: ANY, validate: noPayload('getSettings') },
  updateSettings: { roles: ANY, validate: (v) => validateSettingsPatch(v, 'updateSettings') },
  listDevices: { roles: ANY, validate: noPayload('listDevices') },
  exportToFile: {
    roles: MAIN,
    validate(v) {
      const o = expectObject(v, 'exportToFile');
      expectOnlyKeys(o, ['ids', 'format', 'path', 'exportId'], 'exportToFile');
      return {
        ids: expectIds(o.ids, 'exportToFile.ids'),
        format: expectOneOf(o.format, ['json', 'csv'] as const, 'exportToFile.format'),
        path: expectString(o.path, 'exportToFile.path', { maxLength: LIMITS.pathLength }),
        ...(o.exportId === undefined ? {} : { exportId: expectImportId(o.exportId, 'exportToFile.exportId') }),
      };
    },
  },
  transcriptInfo: {
    roles: MAIN,
    validate(v) {
      const o = expectObject(v, 'transcriptInfo');
      expectOnlyKeys(o, ['path'], 'transcriptInfo');
      return { path: expectPath(o.path, 'transcriptInfo.path') };
    },
  },
  importCall: { roles: MAIN, validate: (v) => validateImportRequest(v, 'importCall') },
  cancelImport: {
    roles: ANY,
    validate(v) {
      const o = expectObject(v, 'cancelImport');
      expectOnlyKeys(o, ['importId'], 'cancelImport');
      return { importId: expectImportId(o.importId, 'cancelImport.importId') };
    },
  },
  shutdown: { roles: MAIN, validate: noPayload('shutdown') },
};

export const ENGINE_METHOD_NAMES = Object.keys(ENGINE_METHODS) as EngineMethod[];

export function isEngineMethod(v: unknown): v is EngineMethod {
  return typeof v === 'string' && Object.prototype.hasOwnProperty.call(ENGINE_METHODS, v);
}
