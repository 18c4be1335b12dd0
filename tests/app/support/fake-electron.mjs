// A stand-in for the `electron` module, so the built main bundle
// (out/main/index.js) runs in plain Node. It records what main asks of
// Electron: window options, handlers, switches, ports. Test-only.
import { EventEmitter } from 'node:events';

const rec = {
  switches: [], sandbox: false, schemes: [], protocolHandlers: new Map(), windows: [], ipc: new Map(),
  session: {}, forks: [], shortcuts: [], trays: [], appMenu: undefined, errors: [], appHandlers: new Map(),
};
globalThis.__electron = rec;

class Emitter extends EventEmitter {}

// ---- MessageChannelMain with linked ports ----
class FakePort extends Emitter {
  constructor() { super(); this.other = null; this.started = false; this.closed = false; }
  postMessage(data) { const o = this.other; setImmediate(() => o.emit('message', { data, ports: [] })); }
  start() { this.started = true; }
  close() { this.closed = true; }
}
export class MessageChannelMain {
  constructor() { this.port1 = new FakePort(); this.port2 = new FakePort(); this.port1.other = this.port2; this.port2.other = this.port1; }
}

// ---- app ----
class FakeApp extends Emitter {
  constructor() { super(); this.isPackaged = false; this.commandLine = { appendSwitch: (s, v) => rec.switches.push(v ? `${s}=${v}` : s) }; }
  enableSandbox() { rec.sandbox = true; }
  requestSingleInstanceLock() { return true; }
  whenReady() { return Promise.resolve(); }
  getVersion() { return '0.1.0-test'; }
  getAppPath() { return process.cwd(); }
  getPath() { return '/tmp'; }
  quit() { rec.quit = true; }
  exit(code) { rec.exit = code; }
}
export const app = new FakeApp();
const appOn = app.on.bind(app);
app.on = (ev, cb) => { rec.appHandlers.set(ev, cb); return appOn(ev, cb); };

// ---- windows ----
let nextId = 1;
class FakeWebContents extends Emitter {
  constructor() { super(); this.id = nextId++; this.sent = []; this.posted = []; this.openHandler = null; this.url = ''; }
  setWindowOpenHandler(h) { this.openHandler = h; }
  send(channel, payload) { this.sent.push({ channel, payload }); }
  postMessage(channel, msg, ports) { this.posted.push({ channel, ports: ports?.length ?? 0 }); }
  isDestroyed() { return false; }
  isLoading() { return false; }
  getURL() { return this.url; }
}
export class BrowserWindow extends Emitter {
  constructor(options) {
    super();
    this.options = options;
    this.webContents = new FakeWebContents();
    this.calls = [];
    this.visible = false;
    this.position = [options.x ?? 0, options.y ?? 0];
    rec.windows.push(this);
    app.emit('web-contents-created', {}, this.webContents);
  }
  loadURL(url) {
    this.calls.push(['loadURL', url]);
    this.webContents.url = url;
    setImmediate(() => { this.webContents.emit('did-finish-load'); this.emit('ready-to-show'); });
    return Promise.resolve();
  }
  setAlwaysOnTop(...a) { this.calls.push(['setAlwaysOnTop', ...a]); }
  setVisibleOnAllWorkspaces(...a) { this.calls.push(['setVisibleOnAllWorkspaces', ...a]); }
  setIgnoreMouseEvents(...a) { this.calls.push(['setIgnoreMouseEvents', ...a]); }
  showInactive() { this.calls.push(['showInactive']); this.visible = true; }
  show() { this.calls.push(['show']); this.visible = true; }
  focus() { this.calls.push(['focus']); }
  hide() { this.calls.push(['hide']); this.visible = false; }
  isVisible() { return this.visible; }
  isDestroyed() { return false; }
  getPosition() { return this.position; }
}

// ---- ipc, protocol, session ----
export const ipcMain = { handle: (channel, fn) => rec.ipc.set(channel, fn), on() {}, removeHandler() {} };
export const ipcRenderer = {};
export const protocol = {
  registerSchemesAsPrivileged: (s) => rec.schemes.push(...s),
  handle: (scheme, h) => rec.protocolHandlers.set(scheme, h),
};
const s = rec.session;
export const session = {
  defaultSession: {
    setPermissionRequestHandler: (h) => (s.permissionRequest = h),
    setPermissionCheckHandler: (h) => (s.permissionCheck = h),
    setDevicePermissionHandler: (h) => (s.device = h),
    setDisplayMediaRequestHandler: (h) => (s.displayMedia = h),
    webRequest: { onBeforeRequest: (f, h) => (s.beforeRequest = h), onHeadersReceived: (f, h) => (s.headers = h) },
  },
};

// ---- the engine's utility process: a tiny fake engine on main's port ----
export const utilityProcess = {
  fork(path, args, opts) {
    const child = new Emitter();
    child.path = path; child.opts = opts; child.connects = [];
    const settings = { consent: { accepted: true, at: null }, retentionDays: 0, keepAudio: false, nudges: { paused: false, muted: [] },
      capture: { mic: null, system: null }, hud: { x: null, y: null, clickThrough: false } };
    child.postMessage = (msg, ports) => {
      child.connects.push({ ...msg, ports: ports?.length ?? 0 });
      const port = ports?.[0];
      if (!port || msg.role !== 'main') return;
      port.on('message', ({ data }) => {
        if (data.t !== 'req') return;
        let r = null;
        if (data.m === 'getSettings') r = settings;
        if (data.m === 'updateSettings') {
          for (const [k, v] of Object.entries(data.p)) settings[k] = typeof v === 'object' ? { ...settings[k], ...v } : v;
          r = settings;
        }
        if (data.m === 'exportToFile') r = { path: data.p.path, calls: 2, bytes: 10 };
        port.postMessage({ t: 'res', id: data.id, ok: true, r });
      });
      port.start();
    };
    child.kill = () => (child.killed = true);
    rec.forks.push(child);
    return child;
  },
};

// ---- the rest ----
export const globalShortcut = { register: (acc) => (rec.shortcuts.push(acc), true), unregisterAll() {} };
export class Tray extends Emitter {
  constructor(img) { super(); this.img = img; rec.trays.push(this); }
  setToolTip(t) { this.tooltip = t; }
  setContextMenu(m) { this.menu = m; }
}
export const Menu = { buildFromTemplate: (t) => t, setApplicationMenu: (m) => (rec.appMenu = m) };
export const nativeImage = { createFromBuffer: (b, o) => ({ bytes: b.length, ...o }) };
export const screen = {
  getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }],
  getPrimaryDisplay: () => ({ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }),
};
export const dialog = {
  showSaveDialog: async () => ({ canceled: false, filePath: '/tmp/candor-export.json' }),
  showErrorBox: (t, m) => rec.errors.push(`${t}: ${m}`),
};
export const desktopCapturer = { getSources: async () => [{ id: 'screen:0', name: 'Screen' }] };
export const systemPreferences = { getMediaAccessStatus: () => 'granted', askForMediaAccess: async () => true };
export const contextBridge = {};
export default { app, BrowserWindow, ipcMain, protocol, session, utilityProcess, MessageChannelMain, globalShortcut, Tray, Menu, nativeImage, screen, dialog, desktopCapturer, systemPreferences };
