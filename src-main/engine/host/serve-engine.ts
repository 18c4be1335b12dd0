// Serves the engine contract on one connection (a window's or main's port,
// or a test transport): every message is checked against the contract
// (envelope, method, caller role, payload) before it reaches the service,
// and every service event is sent on as an onX event.
import { ENGINE_EVENTS, ENGINE_METHODS, type EngineApi, type Role } from '../../contract/engine-api';
import type { CandorError } from '../../contract/errors';
import { serve, type RpcConnection, type RpcEndpoint } from '../../contract/rpc';
import type { EngineService } from '../service/engine-service';

export interface ServeEngineOptions {
  role: Role;
  onRefused?: (err: CandorError, data: unknown) => void;
}

export function serveEngine(service: EngineService, endpoint: RpcEndpoint, opts: ServeEngineOptions): RpcConnection {
  const unsubscribe: (() => void)[] = [];
  const conn = serve(endpoint, {
    methods: ENGINE_METHODS,
    role: opts.role,
    onRefused: opts.onRefused,
    call: (method, payload) => (service[method as keyof EngineApi] as (p: unknown) => Promise<unknown>).call(service, payload),
  });
  for (const event of ENGINE_EVENTS) unsubscribe.push(service.on(event, (p) => conn.emit(event, p)));
  return {
    role: conn.role,
    emit: conn.emit,
    close() {
      for (const u of unsubscribe.splice(0)) u();
      conn.close();
    },
  };
}
