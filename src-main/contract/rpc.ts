// One generic request/response + event protocol over anything that carries
// structured-clone messages: Electron's MessagePortMain (engine side), a DOM
// MessagePort (preload side), or the tests' loopback WebSocket. In the style
// of VS Code's ProxyChannel: the typed client is derived from the service
// interface and its method table. Errors cross as {name, message, code, stack}.
// Pure TS: no node, dom or electron imports.
import { CandorError, deserializeError, isSerializedError, serializeError, type SerializedError } from './errors';
import type { MethodSpec, Role } from './engine-api';

export type WireMessage =
  | { t: 'req'; id: number; m: string; p?: unknown }
  | { t: 'send'; m: string; p?: unknown }
  | { t: 'res'; id: number; ok: true; r?: unknown }
  | { t: 'res'; id: number; ok: false; e: SerializedError }
  | { t: 'evt'; e: string; p?: unknown };

/** The two ends need only this much of a port. */
export interface RpcEndpoint {
  post(msg: WireMessage): void;
  /** Registers the one message listener. */
  onMessage(cb: (data: unknown) => void): void;
  close?(): void;
}

type AnySpec = MethodSpec<unknown>;
type Specs = Record<string, AnySpec>;

// ---- server --------------------------------------------------------------

export interface ServeOptions {
  methods: Specs;
  role: Role;
  /** Runs a validated call. */
  call(method: string, payload: unknown): Promise<unknown> | unknown;
  /** Told about every message that was refused (bad envelope, method, role or payload). */
  onRefused?(err: CandorError, data: unknown): void;
}

export interface RpcConnection {
  readonly role: Role;
  emit(event: string, payload: unknown): void;
  close(): void;
}

/**
 * Checks a message's envelope, method, caller role and payload, in that
 * order, before anything reaches the service. Returns the validated call or
 * the error to send back.
 */
export function checkRequest(data: unknown, methods: Specs, role: Role):
  | { ok: true; id: number | null; method: string; payload: unknown; oneWay: boolean }
  | { ok: false; id: number | null; error: CandorError } {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { ok: false, id: null, error: new CandorError('IPC_INVALID', 'a message to the engine must be an object') };
  }
  const d = data as Record<string, unknown>;
  const t = d.t;
  const id = t === 'req' && Number.isSafeInteger(d.id) && (d.id as number) >= 0 ? (d.id as number) : null;
  if (t !== 'req' && t !== 'send') return { ok: false, id: null, error: new CandorError('IPC_INVALID', `unknown message type ${JSON.stringify(t)}`) };
  if (t === 'req' && id === null) return { ok: false, id: null, error: new CandorError('IPC_INVALID', 'a request needs a non-negative integer id') };
  const m = d.m;
  if (typeof m !== 'string' || !Object.prototype.hasOwnProperty.call(methods, m)) {
    return { ok: false, id, error: new CandorError('IPC_INVALID', `unknown method ${JSON.stringify(typeof m === 'string' ? m.slice(0, 60) : m)}`) };
  }
  const spec = methods[m];
  if (!spec.roles.includes(role)) {
    return { ok: false, id, error: new CandorError('IPC_INVALID', `method ${m} may not be called from a ${role}`) };
  }
  if (Boolean(spec.oneWay) !== (t === 'send')) {
    return { ok: false, id, error: new CandorError('IPC_INVALID', `method ${m} must be sent as ${spec.oneWay ? 'a one-way message' : 'a request'}`) };
  }
  try {
    return { ok: true, id, method: m, payload: spec.validate(d.p), oneWay: t === 'send' };
  } catch (err) {
    return { ok: false, id, error: err instanceof CandorError ? err : new CandorError('BAD_ARGUMENT', String(err)) };
  }
}

export function serve(endpoint: RpcEndpoint, opts: ServeOptions): RpcConnection {
  let open = true;
  const reply = (msg: WireMessage): void => {
    if (!open) return;
    try {
      endpoint.post(msg);
    } catch {
      // the other end went away
    }
  };
  endpoint.onMessage((data) => {
    if (!open) return;
    const c = checkRequest(data, opts.methods, opts.role);
    if (!c.ok) {
      opts.onRefused?.(c.error, data);
      if (c.id !== null) reply({ t: 'res', id: c.id, ok: false, e: withoutStack(serializeError(c.error)) });
      return;
    }
    Promise.resolve()
      .then(() => opts.call(c.method, c.payload))
      .then(
        (r) => {
          if (c.id !== null) reply({ t: 'res', id: c.id, ok: true, r });
        },
        (err: unknown) => {
          if (c.id !== null) reply({ t: 'res', id: c.id, ok: false, e: serializeError(err) });
          else reply({ t: 'evt', e: 'onError', p: serializeError(err) });
        },
      );
  });
  return {
    role: opts.role,
    emit(event, payload) {
      reply({ t: 'evt', e: event, p: payload });
    },
    close() {
      open = false;
      endpoint.close?.();
    },
  };
}

function withoutStack(e: SerializedError): SerializedError {
  const { stack: _stack, ...rest } = e;
  return rest;
}

// ---- client --------------------------------------------------------------

export type ClientOf<Api> = { [M in keyof Api]: Api[M] };

export interface RpcClient<Api, Events> {
  readonly api: ClientOf<Api>;
  /** Starts (or restarts, after the engine came back) talking over this endpoint. */
  attach(endpoint: RpcEndpoint): void;
  /** Fails every pending call, e.g. because the engine went away. */
  detach(reason?: string): void;
  on<E extends keyof Events & string>(event: E, cb: (payload: Events[E]) => void): () => void;
  readonly attached: boolean;
}

export function createRpcClient<Api, Events>(methods: { [K in keyof Api]: AnySpec }): RpcClient<Api, Events> {
  let endpoint: RpcEndpoint | null = null;
  let nextId = 1;
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: unknown): void; method: string }>();
  const queue: WireMessage[] = [];
  const listeners = new Map<string, Set<(p: unknown) => void>>();

  const send = (msg: WireMessage): void => {
    if (endpoint) endpoint.post(msg);
    else queue.push(msg);
  };

  const onData = (data: unknown): void => {
    if (typeof data !== 'object' || data === null) return;
    const msg = data as WireMessage;
    if (msg.t === 'res') {
      const p = pending.get(msg.id);
      if (!p) return;
      pending.delete(msg.id);
      if (msg.ok) p.resolve(msg.r);
      else p.reject(isSerializedError(msg.e) ? deserializeError(msg.e, p.method) : new CandorError('INTERNAL', `${p.method} failed`));
    } else if (msg.t === 'evt' && typeof msg.e === 'string') {
      for (const cb of listeners.get(msg.e) ?? []) {
        try {
          cb(msg.p);
        } catch {
          // a listener's bug is not the transport's
        }
      }
    }
  };

  const api = {} as Record<string, (p?: unknown) => Promise<unknown>>;
  for (const m of Object.keys(methods) as (keyof Api & string)[]) {
    const spec = methods[m] as AnySpec;
    api[m] = (p?: unknown) => {
      let payload: unknown;
      try {
        payload = spec.validate(p); // fail fast, with the same message the engine would give
      } catch (err) {
        return Promise.reject(err);
      }
      if (spec.oneWay) {
        send({ t: 'send', m, p: payload });
        return Promise.resolve(undefined);
      }
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject, method: m });
        send({ t: 'req', id, m, p: payload });
      });
    };
  }

  return {
    api: api as unknown as ClientOf<Api>,
    get attached() {
      return endpoint !== null;
    },
    attach(ep) {
      endpoint = ep;
      ep.onMessage(onData);
      for (const msg of queue.splice(0)) ep.post(msg);
    },
    detach(reason = 'the engine went away') {
      endpoint = null;
      for (const [id, p] of pending) {
        pending.delete(id);
        p.reject(new CandorError('INTERNAL', `${p.method}: ${reason}`, 'Try again; Candor restarts its engine by itself.'));
      }
    },
    on(event, cb) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(cb as (p: unknown) => void);
      return () => set.delete(cb as (p: unknown) => void);
    },
  };
}
