// The engine's side of the utilityProcess: main posts {type: 'connect',
// role, window} with a MessagePortMain for each window (and one for itself);
// every port gets its own connection to the one EngineService. Only main can
// post to the parent port, so the role it names is trusted; everything that
// arrives on a port is checked against the contract (serve-engine.ts).
import type { Role } from '../../contract/engine-api';
import type { RpcConnection, RpcEndpoint, WireMessage } from '../../contract/rpc';
import type { EngineService } from '../service/engine-service';
import { serveEngine } from './serve-engine';

/** What an Electron MessagePortMain offers (structurally; no electron import here). */
export interface PortLike {
  on(event: 'message', cb: (e: { data: unknown }) => void): unknown;
  on(event: 'close', cb: () => void): unknown;
  postMessage(msg: unknown): void;
  start(): void;
  close(): void;
}

export interface ParentPortLike {
  on(event: 'message', cb: (e: { data: unknown; ports: PortLike[] }) => void): unknown;
  postMessage(msg: unknown): void;
}

export type HostMessage =
  | { type: 'connect'; role: Role; window?: string }
  | { type: 'shutdown' };

export function portEndpoint(port: PortLike): RpcEndpoint {
  return {
    post: (m: WireMessage) => port.postMessage(m),
    onMessage: (cb) => {
      port.on('message', (e) => cb(e.data));
      port.start();
    },
    close: () => port.close(),
  };
}

export interface Host {
  connections: Set<RpcConnection>;
}

export function startHost(parent: ParentPortLike, service: EngineService, log: (line: string) => void = () => undefined): Host {
  const connections = new Set<RpcConnection>();
  parent.on('message', (e) => {
    const msg = e.data as HostMessage | null;
    if (!msg || typeof msg !== 'object') return;
    if (msg.type === 'connect') {
      const port = e.ports?.[0];
      if (!port || (msg.role !== 'window' && msg.role !== 'main')) return;
      const conn = serveEngine(service, portEndpoint(port), {
        role: msg.role,
        onRefused: (err) => log(`refused a message from ${msg.window ?? msg.role}: ${err.message}`),
      });
      connections.add(conn);
      port.on('close', () => {
        conn.close();
        connections.delete(conn);
      });
      return;
    }
    if (msg.type === 'shutdown') {
      void service.shutdown().finally(() => {
        for (const c of connections) c.close();
        parent.postMessage({ type: 'shutdown-done' });
      });
    }
  });
  parent.postMessage({ type: 'ready' });
  return { connections };
}
