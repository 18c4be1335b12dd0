// The preload: the only bridge between a Candor page and the rest of the
// app. It exposes exactly the typed methods of the two contracts as
// window.candor (never ipcRenderer, never a port), validates each payload
// before it leaves, and passes errors on as {name, message, code, stack}.
// Built as CommonJS: sandboxed preloads cannot be ES modules.
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import {
  APP_EVENT_CHANNEL, APP_METHOD_NAMES, APP_METHODS, appChannel, type AppApi, type AppEvents, type CandorBridge, type CandorEvents,
} from '../contract/app-api';
import { ENGINE_EVENTS, ENGINE_METHODS, ENGINE_PORT_CHANNEL, type EngineApi, type EngineEvent, type EngineEvents } from '../contract/engine-api';
import { CandorError, isSerializedError, serializeError } from '../contract/errors';
import { createRpcClient, type ClientOf } from '../contract/rpc';

const engine = createRpcClient<EngineApi, EngineEvents>(ENGINE_METHODS);

// Main hands over a MessagePort straight to the engine on every page load
// and after an engine restart; main is not in the data path after that.
ipcRenderer.on(ENGINE_PORT_CHANNEL, (e) => {
  const port = e.ports[0];
  if (!port) return;
  if (engine.attached) engine.detach('the engine restarted');
  engine.attach({
    post: (m) => port.postMessage(m),
    onMessage: (cb) => {
      port.onmessage = (ev: { data: unknown }) => cb(ev.data);
      port.start();
    },
    close: () => port.close(),
  });
});

const appListeners = new Map<string, Set<(p: unknown) => void>>();
ipcRenderer.on(APP_EVENT_CHANNEL, (_e, msg: { e?: unknown; p?: unknown }) => {
  if (!msg || typeof msg.e !== 'string') return;
  for (const cb of appListeners.get(msg.e) ?? []) cb(msg.p);
});

/** Rejections cross the context bridge as plain objects, so the code survives. */
const plain = (err: unknown): never => {
  throw serializeError(err);
};

const engineApi = {} as Record<string, (p?: unknown) => Promise<unknown>>;
for (const m of Object.keys(ENGINE_METHODS) as (keyof EngineApi)[]) {
  engineApi[m] = (p?: unknown) => (engine.api[m] as (x?: unknown) => Promise<unknown>)(p).catch(plain);
}

const appApi = {} as Record<string, (p?: unknown) => Promise<unknown>>;
for (const m of APP_METHOD_NAMES) {
  appApi[m] = async (p?: unknown) => {
    let payload: unknown;
    try {
      payload = APP_METHODS[m].validate(p);
    } catch (err) {
      return plain(err);
    }
    const reply = (await ipcRenderer.invoke(appChannel(m), payload)) as { ok: boolean; r?: unknown; e?: unknown };
    if (reply?.ok) return reply.r;
    throw isSerializedError(reply?.e) ? reply.e : serializeError(new CandorError('INTERNAL', `${m} failed`));
  };
}

const APP_EVENTS: readonly (keyof AppEvents)[] = ['onAppCommand', 'onShowView', 'onClickThroughChanged', 'onEngineRestarted'];

const bridge: CandorBridge = {
  engine: Object.freeze(engineApi) as unknown as ClientOf<EngineApi>,
  app: Object.freeze(appApi) as unknown as ClientOf<AppApi>,
  on<E extends keyof CandorEvents>(event: E, cb: (payload: CandorEvents[E]) => void): () => void {
    if (typeof cb !== 'function') throw serializeError(new CandorError('BAD_ARGUMENT', 'Expected a function for on(callback)'));
    if ((ENGINE_EVENTS as readonly string[]).includes(event)) {
      return engine.on(event as EngineEvent, cb as (p: unknown) => void);
    }
    if ((APP_EVENTS as readonly string[]).includes(event)) {
      let set = appListeners.get(event);
      if (!set) appListeners.set(event, (set = new Set()));
      set.add(cb as (p: unknown) => void);
      return () => set.delete(cb as (p: unknown) => void);
    }
    throw serializeError(new CandorError('BAD_ARGUMENT', `Expected one of ${[...ENGINE_EVENTS, ...APP_EVENTS].join(', ')} for on(event) but received "${String(event).slice(0, 40)}"`));
  },
  pathForFile(file: unknown): string {
    // Electron gives a dropped File's path only here (File.path is gone); main checks it before anything reads it.
    return file instanceof File ? webUtils.getPathForFile(file) : '';
  },
};

contextBridge.exposeInMainWorld('candor', bridge);
