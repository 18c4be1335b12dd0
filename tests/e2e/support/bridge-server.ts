// TEST-ONLY transport. Serves the engine contract from a real EngineService
// (real SQLite file, real LiveSession replaying a recording) over a loopback
// WebSocket, and the built renderer pages over HTTP, both on 127.0.0.1 only.
// The product never contains this: in the app the renderer talks to the
// engine over a MessagePort that Electron main hands over.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Role } from '../../../src-main/contract/engine-api';
import type { RpcConnection, RpcEndpoint, WireMessage } from '../../../src-main/contract/rpc';
import { callAudioId, serveCallAudio } from '../../../src-main/app/call-audio';
import { securityHeaders } from '../../../src-main/app/csp';
import { serveEngine } from '../../../src-main/engine/host/serve-engine';
import { createEngine, type CreateEngineOptions } from '../../../src-main/engine/service/create-engine';
import type { EngineService } from '../../../src-main/engine/service/engine-service';
import { CallStore } from '../../../src-main/engine/store/calls-store';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.json': 'application/json',
};

export interface Bridge {
  url: string;
  service: EngineService;
  /** The test's own connection to the engine's database file (the engine's store runs in its threads). */
  store: CallStore;
  refused: string[];
  close(): Promise<void>;
}

export interface BridgeOptions {
  dbPath: string;
  rendererDir: string;
  replay: { file: string; speed: number };
  /** Watch this (test PulseAudio) source for calls, as the app's engine does. */
  callWatch?: CreateEngineOptions['callWatch'];
  /** The imports' analysis, in place of the engine's own (see CreateEngineOptions). */
  analyzeFiles?: CreateEngineOptions['analyzeFiles'];
}

function wsEndpoint(ws: WebSocket): RpcEndpoint {
  return {
    post: (m: WireMessage) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(m));
    },
    onMessage: (cb) => {
      ws.on('message', (raw) => {
        let data: unknown;
        try {
          data = JSON.parse(String(raw));
        } catch {
          data = String(raw);
        }
        cb(data);
      });
    },
    close: () => ws.close(),
  };
}

function serveFile(root: string, req: IncomingMessage, res: ServerResponse): void {
  const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
  const file = resolve(root, normalize(join('.', path)));
  if (!file.startsWith(resolve(root) + sep) || !existsSync(file) || !statSync(file).isFile() || !MIME[extname(file)]) {
    res.writeHead(404, securityHeaders()).end('not found');
    return;
  }
  // The same headers as the app:// protocol, so the pages run under the product's CSP.
  res.writeHead(200, { 'Content-Type': MIME[extname(file)], 'Cache-Control': 'no-store', ...securityHeaders() });
  createReadStream(file).pipe(res);
}

export async function startBridge(opts: BridgeOptions): Promise<Bridge> {
  const { service } = await createEngine({ dbPath: opts.dbPath, replay: opts.replay, version: 'e2e', callWatch: opts.callWatch, analyzeFiles: opts.analyzeFiles });
  if (opts.callWatch) await service.startCallWatch();
  const store = new CallStore(opts.dbPath);
  const refused: string[] = [];
  const connections = new Set<RpcConnection>();
  const server = createServer((req, res) => {
    // The app protocol's call-audio route, answered by the same code as in the app.
    const audioId = callAudioId(new URL(req.url ?? '/', 'http://x').pathname);
    if (audioId === null) return serveFile(opts.rendererDir, req, res);
    void serveCallAudio(audioId, req.headers.range ?? null, async (id) => store.get(id).audioFile).then(async (r) => {
      res.writeHead(r.status, Object.fromEntries(r.headers));
      if (r.body) for await (const chunk of r.body) res.write(chunk);
      res.end();
    }, () => res.writeHead(500).end());
  });
  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    const u = new URL(req.url ?? '/', 'http://x');
    const origin = req.headers.origin ?? '';
    const host = req.headers.host ?? '';
    // Only our own pages, on this loopback server, may connect.
    if (u.pathname !== '/engine' || origin !== `http://${host}`) {
      socket.destroy();
      return;
    }
    const role: Role = u.searchParams.get('role') === 'main' ? 'main' : 'window';
    wss.handleUpgrade(req, socket, head, (ws) => {
      const conn = serveEngine(service, wsEndpoint(ws), { role, onRefused: (e) => refused.push(e.message) });
      connections.add(conn);
      ws.on('close', () => {
        conn.close();
        connections.delete(conn);
      });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    service,
    store,
    refused,
    async close() {
      for (const c of connections) c.close();
      wss.close();
      await new Promise<void>((r) => server.close(() => r()));
      await service.shutdown();
      store.close();
    },
  };
}
