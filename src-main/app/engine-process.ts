// The engine runs in an Electron utilityProcess (engine/host/main.ts). Main
// hands each window its own MessagePort to it, keeps one for itself (tray,
// shortcuts, save dialogs), and restarts the engine if it dies.
import { EventEmitter } from 'node:events';
import { MessageChannelMain, utilityProcess, type MessagePortMain, type UtilityProcess, type WebContents } from 'electron';
import type { WindowKind } from '../contract/app-api';
import { ENGINE_METHODS, ENGINE_PORT_CHANNEL, type EngineApi, type EngineEvents } from '../contract/engine-api';
import { CandorError, deserializeError, isSerializedError } from '../contract/errors';
import { createRpcClient, type RpcClient, type RpcEndpoint } from '../contract/rpc';

function mainPortEndpoint(port: MessagePortMain): RpcEndpoint {
  return {
    post: (m) => port.postMessage(m),
    onMessage: (cb) => {
      port.on('message', (e) => cb(e.data));
      port.start();
    },
    close: () => port.close(),
  };
}

export interface EngineProcessOptions {
  hostPath: string;
  env: Record<string, string>;
  log: (line: string) => void;
}

const MAX_RESTARTS_PER_MINUTE = 5;

/** Events: 'restarted', 'fatal' (CandorError), 'gave-up'. */
export class EngineProcess extends EventEmitter {
  readonly client: RpcClient<EngineApi, EngineEvents> = createRpcClient<EngineApi, EngineEvents>(ENGINE_METHODS);
  private child: UtilityProcess | null = null;
  private readonly windows = new Map<WebContents, WindowKind>();
  private restarts: number[] = [];
  private stopping = false;

  constructor(private readonly opts: EngineProcessOptions) {
    super();
  }

  get api(): EngineApi {
    return this.client.api;
  }

  start(): void {
    const child = utilityProcess.fork(this.opts.hostPath, [], {
      serviceName: 'Candor engine',
      stdio: 'inherit',
      env: { ...process.env, ...this.opts.env },
    });
    this.child = child;
    child.on('message', (m: { type?: string; error?: unknown }) => {
      if (m?.type === 'fatal' && isSerializedError(m.error)) this.emit('fatal', deserializeError(m.error, 'the engine could not start'));
    });
    child.on('exit', (code) => this.onExit(child, code));
    this.connectMain();
    for (const [wc, kind] of this.windows) this.handPort(wc, kind);
  }

  private onExit(child: UtilityProcess, code: number): void {
    if (child !== this.child) return;
    this.child = null;
    this.client.detach('the engine stopped');
    if (this.stopping) return;
    this.opts.log(`engine exited with code ${code}`);
    const now = Date.now();
    this.restarts = this.restarts.filter((t) => now - t < 60_000);
    if (this.restarts.length >= MAX_RESTARTS_PER_MINUTE) {
      this.emit('gave-up', new CandorError('INTERNAL', 'the engine keeps stopping', 'Quit and restart Candor; if it happens again, run `candor doctor`.'));
      return;
    }
    this.restarts.push(now);
    setTimeout(() => {
      if (this.stopping) return;
      this.start();
      this.emit('restarted');
    }, 500 * this.restarts.length);
  }

  private connectMain(): void {
    const { port1, port2 } = new MessageChannelMain();
    this.child?.postMessage({ type: 'connect', role: 'main' }, [port2]);
    this.client.attach(mainPortEndpoint(port1));
  }

  /** Hands a window a fresh port (on every page load, and after every engine restart). */
  handPort(wc: WebContents, kind: WindowKind): void {
    if (!this.child || wc.isDestroyed()) return;
    const { port1, port2 } = new MessageChannelMain();
    this.child.postMessage({ type: 'connect', role: 'window', window: kind }, [port2]);
    wc.postMessage(ENGINE_PORT_CHANNEL, null, [port1]);
  }

  /** Remembers a window, so that it gets a new port after an engine restart. */
  trackWindow(wc: WebContents, kind: WindowKind): void {
    if (this.windows.has(wc)) return;
    this.windows.set(wc, kind);
    wc.once('destroyed', () => this.windows.delete(wc));
  }

  /** Asks the engine to save a running call and close the store, then ends it. */
  async stop(timeoutMs = 5000): Promise<void> {
    this.stopping = true;
    const child = this.child;
    if (!child) return;
    await Promise.race([this.client.api.shutdown().catch(() => undefined), new Promise((r) => setTimeout(r, timeoutMs))]);
    child.kill();
  }
}
