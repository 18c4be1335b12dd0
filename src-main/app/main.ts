// Candor's Electron main: a thin shell. It owns the windows (the floating
// HUD and the history), the tray, global shortcuts, permission prompts and
// the engine's utilityProcess, hands every window a MessagePort to the
// engine, and checks every IPC message before acting on it.
import { randomUUID } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  app, BrowserWindow, dialog, globalShortcut, ipcMain, Menu, nativeImage, protocol, screen, session, Tray,
} from 'electron';
import { AUDIO_EXTENSIONS, TRANSCRIPT_EXTENSIONS, type CallFilesChoice } from '../contract/imports';
import { APP_EVENT_CHANNEL, type AppCommand, type AppEvents, type HistoryView, type WindowKind } from '../contract/app-api';
import { defaultSettings, type Settings } from '../contract/settings';
import { CallFileGrants, describeCallFiles } from './call-file-grants';
import { resolveCallFiles } from './call-files';
import { EngineProcess } from './engine-process';
import { placeHud } from './hud-position';
import { registerAppIpc, type AppHandlers } from './ipc';
import { installDisplayMediaHandler, mediaPermissions } from './media';
import { registerAppProtocol } from './protocol';
import { APP_SCHEME, hardenWebContents, installSessionGuards, pageUrl } from './security';
import { registerShortcuts } from './shortcuts';
import { trayMenuTemplate, trayTooltip } from './tray-menu';
import { TRAY_ICON_PNG_BASE64 } from './tray-icon';
import { HUD_SIZE, historyWindowOptions, hudWindowOptions } from './window-options';

const here = dirname(fileURLToPath(import.meta.url));
const PRELOAD = join(here, '../preload/index.cjs');
const RENDERER_DIR = join(here, '../renderer');
const ENGINE_HOST = join(here, 'engine-host.js');
const devServer = !app.isPackaged && process.env.ELECTRON_RENDERER_URL ? process.env.ELECTRON_RENDERER_URL : null;

const log = (line: string): void => void process.stderr.write(`candor: ${line}\n`);

// Nothing leaves the device: Chromium's own background traffic is switched
// off, and installSessionGuards() cancels every request that is not app://.
for (const sw of ['disable-background-networking', 'disable-component-update', 'disable-domain-reliability', 'no-pings']) {
  app.commandLine.appendSwitch(sw);
}
app.enableSandbox();
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

let engine: EngineProcess;
let hud: BrowserWindow | null = null;
let history: BrowserWindow | null = null;
let tray: Tray | null = null;
let settings: Settings = defaultSettings();
let recording = false;
let quitting = false;
let shortcuts: Partial<Record<AppCommand, string>> = {};
let pendingView: AppEvents['onShowView'] | null = null;
const windowKinds = new Map<number, WindowKind>();
/** Files the history window picked or dropped, checked here; only these may be imported. */
const callFileGrants = new CallFileGrants();

async function checkedCallFiles(paths: string[]): Promise<CallFilesChoice> {
  const files = resolveCallFiles(paths);
  const choice = await describeCallFiles(files, (path) => engine.api.transcriptInfo({ path }));
  callFileGrants.grant(files);
  return choice;
}

function send<E extends keyof AppEvents>(win: BrowserWindow | null, event: E, payload: AppEvents[E]): void {
  if (win && !win.isDestroyed()) win.webContents.send(APP_EVENT_CHANNEL, { e: event, p: payload });
}

function track(win: BrowserWindow, kind: WindowKind): void {
  const wc = win.webContents;
  windowKinds.set(wc.id, kind);
  engine.trackWindow(wc, kind);
  // A fresh port on every load (and reload); the preload attaches it.
  wc.on('did-finish-load', () => {
    engine.handPort(wc, kind);
    if (kind === 'history' && pendingView) {
      send(win, 'onShowView', pendingView);
      pendingView = null;
    }
  });
  const id = wc.id;
  win.on('closed', () => windowKinds.delete(id));
}

function createHud(): void {
  const displays = screen.getAllDisplays().map((d) => d.workArea);
  const pos = placeHud(settings.hud, HUD_SIZE, displays, screen.getPrimaryDisplay().workArea);
  const win = new BrowserWindow(hudWindowOptions({ preload: PRELOAD, ...pos, platform: process.platform }));
  hud = win;
  win.setAlwaysOnTop(true, 'floating');
  win.setVisibleOnAllWorkspaces(true, { visibleOnFullScreen: true });
  if (settings.hud.clickThrough) win.setIgnoreMouseEvents(true, { forward: true });
  track(win, 'hud');
  win.once('ready-to-show', () => win.showInactive());
  let moveTimer: NodeJS.Timeout | null = null;
  win.on('moved', () => {
    if (moveTimer) clearTimeout(moveTimer);
    moveTimer = setTimeout(() => {
      const [x, y] = win.getPosition();
      engine.api.updateSettings({ hud: { x, y } }).catch((e: Error) => log(`could not save the HUD position: ${e.message}`));
    }, 400);
  });
  win.on('close', (e) => {
    if (!quitting) {
      e.preventDefault();
      win.hide();
    }
  });
  void win.loadURL(pageUrl('hud', devServer));
}

function openHistory(view?: HistoryView, callId?: number): void {
  if (view || callId) pendingView = { view: view ?? 'list', callId };
  if (history && !history.isDestroyed()) {
    if (pendingView && !history.webContents.isLoading()) {
      send(history, 'onShowView', pendingView);
      pendingView = null;
    }
    history.show();
    history.focus();
    return;
  }
  const win = new BrowserWindow(historyWindowOptions({ preload: PRELOAD }));
  history = win;
  track(win, 'history');
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    if (history === win) history = null;
  });
  void win.loadURL(pageUrl('history', devServer));
}

function showHud(): void {
  if (!hud || hud.isDestroyed()) createHud();
  else hud.showInactive();
}

async function setClickThrough(enabled: boolean): Promise<void> {
  hud?.setIgnoreMouseEvents(enabled, { forward: true });
  settings = await engine.api.updateSettings({ hud: { clickThrough: enabled } });
  send(hud, 'onClickThroughChanged', { enabled });
  refreshTray();
}

function runCommand(command: AppCommand): void {
  switch (command) {
    case 'toggle-call':
      // The HUD owns capture (on macOS/Windows it captures the audio itself).
      showHud();
      send(hud, 'onAppCommand', { command });
      break;
    case 'open-history':
      openHistory();
      break;
    case 'toggle-nudges':
      engine.api.updateSettings({ nudges: { paused: !settings.nudges.paused } }).catch((e: Error) => log(e.message));
      break;
    case 'toggle-click-through':
      setClickThrough(!settings.hud.clickThrough).catch((e: Error) => log(e.message));
      break;
  }
}

function refreshTray(): void {
  if (!tray) return;
  const state = { recording, nudgesPaused: settings.nudges.paused, clickThrough: settings.hud.clickThrough, shortcuts };
  tray.setToolTip(trayTooltip(state));
  tray.setContextMenu(Menu.buildFromTemplate(trayMenuTemplate(state, {
    toggleCall: () => runCommand('toggle-call'),
    showHud,
    openHistory: () => openHistory(),
    toggleNudges: () => runCommand('toggle-nudges'),
    toggleClickThrough: () => runCommand('toggle-click-through'),
    quit: () => app.quit(),
  })));
}

const handlers: AppHandlers = {
  async info(_p, from) {
    return { platform: process.platform, version: app.getVersion(), window: from, shortcuts };
  },
  async openHistory(p) {
    openHistory(p.view, p.callId);
  },
  async showHud() {
    showHud();
  },
  async hideHud() {
    hud?.hide();
  },
  async setClickThrough(p) {
    await setClickThrough(p.enabled);
  },
  async exportCalls(p) {
    const stamp = new Date().toISOString().slice(0, 10);
    const options = {
      title: 'Export calls',
      defaultPath: join(app.getPath('documents'), `candor-calls-${stamp}.${p.format}`),
      filters: [p.format === 'json' ? { name: 'JSON', extensions: ['json'] } : { name: 'CSV', extensions: ['csv'] }],
    };
    const r = history && !history.isDestroyed() ? await dialog.showSaveDialog(history, options) : await dialog.showSaveDialog(options);
    if (r.canceled || !r.filePath) return null;
    // The engine reports onExportProgress under this id to the windows while it writes.
    const done = await engine.api.exportToFile({ ids: p.ids, format: p.format, path: r.filePath, exportId: randomUUID() });
    return { path: done.path, calls: done.calls };
  },
  async permissions(p) {
    return mediaPermissions(p.request ?? false);
  },
  async chooseCallFiles(p) {
    const options: Electron.OpenDialogOptions = p.folder
      ? { title: 'Add a call: choose a recording folder', properties: ['openDirectory'] }
      : {
        title: 'Add a call: choose a recording, a transcript, or both',
        properties: ['openFile', 'multiSelections'],
        filters: [
          { name: 'Recordings and transcripts', extensions: [...AUDIO_EXTENSIONS, ...TRANSCRIPT_EXTENSIONS].map((e) => e.slice(1)) },
          { name: 'All files', extensions: ['*'] },
        ],
      };
    const r = history && !history.isDestroyed() ? await dialog.showOpenDialog(history, options) : await dialog.showOpenDialog(options);
    if (r.canceled || r.filePaths.length === 0) return null;
    return checkedCallFiles(r.filePaths);
  },
  async dropCallFiles(p) {
    return checkedCallFiles(p.paths);
  },
  async importCall(p) {
    callFileGrants.check(p);
    return engine.api.importCall(p);
  },
};

/** Where each call's kept recording is; the player asks once per byte range, the engine once per call. */
const audioFiles = new Map<number, string | null>();
async function callAudioFile(id: number): Promise<string | null> {
  if (!audioFiles.has(id)) audioFiles.set(id, (await engine.api.getCall({ id })).audioFile);
  return audioFiles.get(id) ?? null;
}

async function start(): Promise<void> {
  if (process.platform === 'darwin') {
    Menu.setApplicationMenu(Menu.buildFromTemplate([{ role: 'appMenu' }, { role: 'editMenu' }, { role: 'windowMenu' }]));
  } else {
    Menu.setApplicationMenu(null);
  }
  // A call's kept recording, as the engine has it (the engine is started below, before any page loads).
  registerAppProtocol(protocol, RENDERER_DIR, callAudioFile);
  installSessionGuards(session.defaultSession, devServer, log);
  installDisplayMediaHandler(session.defaultSession, devServer, log);
  app.on('web-contents-created', (_e, wc) => hardenWebContents(wc, log));

  engine = new EngineProcess({
    hostPath: ENGINE_HOST,
    env: {
      CANDOR_VERSION: app.getVersion(),
      CANDOR_MANIFEST: app.isPackaged ? join(process.resourcesPath, 'models', 'manifest.json') : join(app.getAppPath(), 'models', 'manifest.json'),
      // Models shipped with the app (the VAD); the user's models folder (`npm run models`) is still searched after it.
      CANDOR_MODELS_DIR: process.env.CANDOR_MODELS_DIR
        || (app.isPackaged ? join(process.resourcesPath, 'models') : join(app.getAppPath(), 'node_modules', '@ricky0123', 'vad-web', 'dist')),
    },
    log,
  });
  engine.on('fatal', (err: Error & { userMessage?: string }) => dialog.showErrorBox('Candor could not start', err.userMessage ?? err.message));
  engine.on('gave-up', (err: Error & { userMessage?: string }) => dialog.showErrorBox('Candor’s engine keeps stopping', err.userMessage ?? err.message));
  engine.on('restarted', () => {
    for (const w of [hud, history]) send(w, 'onEngineRestarted', { at: new Date().toISOString() });
  });
  engine.start();
  engine.client.on('onSnapshot', (s) => {
    const now = s.state !== 'idle';
    if (now !== recording) {
      recording = now;
      refreshTray();
    }
  });
  engine.client.on('onCallsChanged', () => audioFiles.clear());
  engine.client.on('onCallNoticed', (n) => {
    // "Start coaching this call?" / "Stop and save?" is asked in the HUD, which stays out of the call app's way.
    if (n.kind === 'started' || n.callRunning) showHud();
  });
  engine.client.on('onNudge', () => {
    // Never focus: showInactive keeps the call app in front.
    if (hud && !hud.isDestroyed() && !hud.isVisible()) hud.showInactive();
  });
  engine.client.on('onSettingsChanged', (s) => {
    settings = s;
    refreshTray();
  });
  settings = await engine.api.getSettings().catch((e: Error) => {
    log(`could not read settings: ${e.message}`);
    return defaultSettings();
  });

  registerAppIpc(ipcMain, { windowOf: (id) => windowKinds.get(id) ?? null, devServer }, handlers, log);
  createHud();
  shortcuts = registerShortcuts(globalShortcut, runCommand);
  tray = new Tray(nativeImage.createFromBuffer(Buffer.from(TRAY_ICON_PNG_BASE64, 'base64'), { scaleFactor: 2 }));
  tray.on('click', () => showHud());
  refreshTray();
  if (!settings.consent.accepted) openHistory('consent');
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => openHistory());
  app.on('window-all-closed', () => {
    // A tray app: closing the windows does not quit.
  });
  app.on('before-quit', (e) => {
    if (quitting) return;
    e.preventDefault();
    quitting = true;
    globalShortcut.unregisterAll();
    void (engine ? engine.stop() : Promise.resolve()).finally(() => app.quit());
  });
  app.whenReady().then(start).catch((err: Error) => {
    dialog.showErrorBox('Candor could not start', err.message);
    app.exit(1);
  });
}
