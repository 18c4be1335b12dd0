// TEST-ONLY: window.candor for a plain browser, over the bridge's loopback
// WebSocket, built from the same contract and RPC client as the preload.
// The app-side methods (windows, save dialog) are played by a stand-in
// "main" that records what it was asked and writes exports to a test folder.
import type { AppApi, AppEvents, CandorBridge, CandorEvents } from '../../../src-main/contract/app-api';
import { ENGINE_EVENTS, ENGINE_METHODS, type EngineApi, type EngineEvent, type EngineEvents } from '../../../src-main/contract/engine-api';
import { deserializeError, serializeError, type SerializedError } from '../../../src-main/contract/errors';
import { createRpcClient, type ClientOf, type RpcClient } from '../../../src-main/contract/rpc';
import { CallFileGrants, describeCallFiles, type ResolvedCallFiles } from '../../../src-main/app/call-file-grants';

// Browser globals, declared here because the tests are type-checked without the DOM library.
declare const window: Record<string, unknown>;
declare const location: { host: string };

interface TestConfig {
  exportDir: string;
  /** Where a dropped file's name is looked up (a plain browser gives no paths). */
  dropDir: string;
  /** What the stand-in file dialog answers. */
  pick: string[] | null;
  window: 'hud' | 'history';
  calls: { method: string; payload: unknown }[];
}

const cfg = window.__candorTest as TestConfig;
/** main's own check of picked or dropped paths (src-main/app/call-files.ts), run in Node by the test (page.exposeFunction). */
const resolveInNode = window.__candorResolveCallFiles as (paths: string[]) => Promise<{ ok: true; r: ResolvedCallFiles } | { ok: false; e: unknown }>;
const resolveCallFiles = async (paths: string[]): Promise<ResolvedCallFiles> => {
  const reply = await resolveInNode(paths);
  if (reply.ok) return reply.r;
  throw deserializeError(reply.e as SerializedError); // {name, message, code, hint} as main sent it
};
const grants = new CallFileGrants();

function connect(role: 'window' | 'main'): RpcClient<EngineApi, EngineEvents> {
  const client = createRpcClient<EngineApi, EngineEvents>(ENGINE_METHODS);
  const ws = new WebSocket(`ws://${location.host}/engine?role=${role}`);
  ws.addEventListener('open', () => {
    client.attach({
      post: (m) => ws.send(JSON.stringify(m)),
      onMessage: (cb) => ws.addEventListener('message', (e) => cb(JSON.parse(String(e.data)))),
      close: () => ws.close(),
    });
  });
  ws.addEventListener('close', () => client.detach('the test bridge closed'));
  return client;
}

const engine = connect('window');
const main = connect('main');
const appListeners = new Map<string, Set<(p: unknown) => void>>();
const emitApp = <E extends keyof AppEvents>(e: E, p: AppEvents[E]): void => {
  for (const cb of appListeners.get(e) ?? []) cb(p);
};

const plain = (err: unknown): never => {
  throw serializeError(err);
};

const app: ClientOf<AppApi> = {
  async info() {
    return { platform: 'browser-test', version: 'e2e', window: cfg.window, shortcuts: {} };
  },
  async openHistory(p) {
    cfg.calls.push({ method: 'openHistory', payload: p });
  },
  async showHud() {
    cfg.calls.push({ method: 'showHud', payload: null });
  },
  async hideHud() {
    cfg.calls.push({ method: 'hideHud', payload: null });
  },
  async setClickThrough(p) {
    cfg.calls.push({ method: 'setClickThrough', payload: p });
    await main.api.updateSettings({ hud: { clickThrough: p.enabled } });
    emitApp('onClickThroughChanged', { enabled: p.enabled });
  },
  async exportCalls(p) {
    cfg.calls.push({ method: 'exportCalls', payload: p });
    const path = `${cfg.exportDir}/candor-calls.${p.format}`;
    const r = await main.api.exportToFile({ ids: p.ids, format: p.format, path, exportId: crypto.randomUUID() }).catch(plain);
    return { path: r.path, calls: r.calls };
  },
  async permissions() {
    return { microphone: 'granted', screen: 'granted' };
  },
  async chooseCallFiles(p) {
    cfg.calls.push({ method: 'chooseCallFiles', payload: p });
    return cfg.pick ? checked(cfg.pick) : null;
  },
  async dropCallFiles(p) {
    cfg.calls.push({ method: 'dropCallFiles', payload: p });
    return checked(p.paths);
  },
  async importCall(p) {
    cfg.calls.push({ method: 'importCall', payload: p });
    try {
      grants.check(p);
    } catch (err) {
      return plain(err);
    }
    return main.api.importCall(p).catch(plain);
  },
};

async function checked(paths: string[]) {
  const files = await resolveCallFiles(paths).catch(plain);
  const choice = await describeCallFiles(files, (path) => main.api.transcriptInfo({ path })).catch(plain);
  grants.grant(files);
  return choice;
}

const engineApi = {} as Record<string, (p?: unknown) => Promise<unknown>>;
for (const m of Object.keys(ENGINE_METHODS) as (keyof EngineApi)[]) {
  engineApi[m] = (p?: unknown) => (engine.api[m] as (x?: unknown) => Promise<unknown>)(p).catch(plain);
}

const bridge: CandorBridge = {
  engine: Object.freeze(engineApi) as unknown as ClientOf<EngineApi>,
  app: Object.freeze(app),
  on<E extends keyof CandorEvents>(event: E, cb: (payload: CandorEvents[E]) => void): () => void {
    if ((ENGINE_EVENTS as readonly string[]).includes(event)) return engine.on(event as EngineEvent, cb as (p: unknown) => void);
    let set = appListeners.get(event);
    if (!set) appListeners.set(event, (set = new Set()));
    set.add(cb as (p: unknown) => void);
    return () => set.delete(cb as (p: unknown) => void);
  },
  pathForFile(file: unknown): string {
    const name = (file as { name?: unknown })?.name;
    return typeof name === 'string' && name ? `${cfg.dropDir}/${name}` : '';
  },
};

Object.defineProperty(window, 'candor', { value: bridge, writable: false, configurable: false });
