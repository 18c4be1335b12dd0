// The shell's contract: what a window may ask Electron main for (windows,
// click-through, save dialogs, permissions) over ipcMain.handle, and what
// main tells the windows. Main checks every call's sender frame and payload
// against this table before acting. window.candor is typed from here.
// Pure TS: no node, dom or electron imports.
import type { ExportFormat } from './calls';
import type { EngineApi, EngineEvents } from './engine-api';
import { IMPORT_LIMITS, expectPath, validateImportRequest, type CallFilesChoice, type ImportRequest } from './imports';
import type { ClientOf } from './rpc';
import { expectOnlyKeys } from './settings';
import { expectBool, expectInteger, expectObject, expectOneOf, invalidParameterError } from './validate';

export type WindowKind = 'hud' | 'history';
export const HISTORY_VIEWS = ['list', 'trends', 'settings', 'consent'] as const;
export type HistoryView = (typeof HISTORY_VIEWS)[number];

export type PermissionState = 'granted' | 'denied' | 'not-determined' | 'restricted' | 'unknown';

export interface AppInfo {
  platform: string;
  version: string;
  window: WindowKind;
  /** Accelerators of the global shortcuts that could be registered. */
  shortcuts: Partial<Record<AppCommand, string>>;
}

export type AppCommand = 'toggle-call' | 'open-history' | 'toggle-nudges' | 'toggle-click-through';

export interface AppApi {
  info(p: void): Promise<AppInfo>;
  openHistory(p: { view?: HistoryView; callId?: number }): Promise<void>;
  showHud(p: void): Promise<void>;
  hideHud(p: void): Promise<void>;
  setClickThrough(p: { enabled: boolean }): Promise<void>;
  /** Asks where to save, then has the engine write the file. null when the user cancelled. */
  exportCalls(p: { ids: number[] | 'all'; format: ExportFormat }): Promise<{ path: string; calls: number } | null>;
  /** Microphone (and on macOS screen recording) access; asks for the microphone when it was never asked. */
  permissions(p: { request?: boolean }): Promise<{ microphone: PermissionState; screen: PermissionState }>;
  /** Opens the file dialog (files, or a folder such as a Zoom recording's); null when the user cancelled. */
  chooseCallFiles(p: { folder?: boolean }): Promise<CallFilesChoice | null>;
  /** Checks paths dropped on the history window (files or a folder). */
  dropCallFiles(p: { paths: string[] }): Promise<CallFilesChoice>;
  /** Has the engine analyse and store files chosen or dropped in this window. */
  importCall(p: ImportRequest): Promise<{ importId: string }>;
}

export interface AppEvents {
  /** A tray item or a global shortcut, for the window that acts on it. */
  onAppCommand: { command: AppCommand };
  /** The history window should show a view (tray, HUD button). */
  onShowView: { view: HistoryView; callId?: number };
  onClickThroughChanged: { enabled: boolean };
  /** The engine process was restarted; a new port has been handed over. */
  onEngineRestarted: { at: string };
}

export type AppMethod = keyof AppApi;
export type AppPayload<M extends AppMethod> = Parameters<AppApi[M]>[0];

export const APP_EVENT_CHANNEL = 'candor:app-event';
export const appChannel = (m: AppMethod): string => `candor:app:${m}`;

export interface AppMethodSpec<P> {
  validate: (v: unknown) => P;
  /** Which windows may call it. */
  windows: readonly WindowKind[];
}

const BOTH: readonly WindowKind[] = ['hud', 'history'];

function none(name: string) {
  return (v: unknown): void => {
    if (v === undefined || v === null) return;
    if (typeof v === 'object' && !Array.isArray(v) && Object.keys(v as object).length === 0) return;
    throw invalidParameterError(name, 'no payload', v);
  };
}

export const APP_METHODS: { [M in AppMethod]: AppMethodSpec<AppPayload<M>> } = {
  chooseCallFiles: {
    windows: ['history'],
    validate(v) {
      const o = v === undefined || v === null ? {} : expectObject(v, 'chooseCallFiles');
      expectOnlyKeys(o, ['folder'], 'chooseCallFiles');
      return o.folder === undefined ? {} : { folder: expectBool(o.folder, 'chooseCallFiles.folder') };
    },
  },
  dropCallFiles: {
    windows: ['history'],
    validate(v) {
      const o = expectObject(v, 'dropCallFiles');
      expectOnlyKeys(o, ['paths'], 'dropCallFiles');
      if (!Array.isArray(o.paths) || o.paths.length === 0 || o.paths.length > IMPORT_LIMITS.paths) {
        throw invalidParameterError('dropCallFiles.paths', `an array of 1 to ${IMPORT_LIMITS.paths} paths`, o.paths);
      }
      return { paths: o.paths.map((p, i) => expectPath(p, `dropCallFiles.paths[${i}]`)) };
    },
  },
  importCall: { windows: ['history'], validate: (v) => validateImportRequest(v, 'importCall') },
  info: { windows: BOTH, validate: none('info') },
  openHistory: {
    windows: BOTH,
    validate(v) {
      const o = v === undefined || v === null ? {} : expectObject(v, 'openHistory');
      expectOnlyKeys(o, ['view', 'callId'], 'openHistory');
      const out: { view?: HistoryView; callId?: number } = {};
      if (o.view !== undefined) out.view = expectOneOf(o.view, HISTORY_VIEWS, 'openHistory.view');
      if (o.callId !== undefined) out.callId = expectInteger(o.callId, 'openHistory.callId', 1);
      return out;
    },
  },
  showHud: { windows: BOTH, validate: none('showHud') },
  hideHud: { windows: ['hud'], validate: none('hideHud') },
  setClickThrough: {
    windows: BOTH,
    validate(v) {
      const o = expectObject(v, 'setClickThrough');
      expectOnlyKeys(o, ['enabled'], 'setClickThrough');
      return { enabled: expectBool(o.enabled, 'setClickThrough.enabled') };
    },
  },
  exportCalls: {
    windows: ['history'],
    validate(v) {
      const o = expectObject(v, 'exportCalls');
      expectOnlyKeys(o, ['ids', 'format'], 'exportCalls');
      let ids: number[] | 'all';
      if (o.ids === 'all') ids = 'all';
      else if (Array.isArray(o.ids) && o.ids.length > 0 && o.ids.length <= 10_000) ids = o.ids.map((x, i) => expectInteger(x, `exportCalls.ids[${i}]`, 1));
      else throw invalidParameterError('exportCalls.ids', "'all' or a non-empty array of call ids", o.ids);
      return { ids, format: expectOneOf(o.format, ['json', 'csv'] as const, 'exportCalls.format') };
    },
  },
  permissions: {
    windows: BOTH,
    validate(v) {
      const o = v === undefined || v === null ? {} : expectObject(v, 'permissions');
      expectOnlyKeys(o, ['request'], 'permissions');
      return o.request === undefined ? {} : { request: expectBool(o.request, 'permissions.request') };
    },
  },
};

export const APP_METHOD_NAMES = Object.keys(APP_METHODS) as AppMethod[];

export type CandorEvents = EngineEvents & AppEvents;

/** What the preload exposes as window.candor, and nothing more. */
export interface CandorBridge {
  readonly engine: ClientOf<EngineApi>;
  readonly app: ClientOf<AppApi>;
  /** Subscribes to an engine or app event; returns the unsubscribe function. */
  on<E extends keyof CandorEvents>(event: E, cb: (payload: CandorEvents[E]) => void): () => void;
  /** The path of a File dropped on the page ('' when it has none); main checks it before use. */
  pathForFile(file: unknown): string;
}
