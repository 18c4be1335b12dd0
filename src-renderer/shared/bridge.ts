// The renderer's only way out: window.candor, exposed by the preload. Calls
// that fail come back as {name, message, code, stack}; here they become
// CandorErrors again so views can act on `code`.
import type { AppApi, CandorBridge, CandorEvents } from '../../src-main/contract/app-api';
import type { EngineApi } from '../../src-main/contract/engine-api';
import { CandorError, deserializeError, isSerializedError } from '../../src-main/contract/errors';
import type { ClientOf } from '../../src-main/contract/rpc';

function bridge(): CandorBridge {
  const b = window.candor;
  if (!b) throw new CandorError('INTERNAL', 'Candor’s bridge is missing', 'Open this page from the Candor app.');
  return b;
}

export function toCandorError(err: unknown): CandorError {
  if (err instanceof CandorError) return err;
  if (isSerializedError(err)) return deserializeError(err);
  return new CandorError('INTERNAL', err instanceof Error ? err.message : String(err));
}

function wrap<T extends object>(pick: (b: CandorBridge) => T): T {
  return new Proxy({} as T, {
    get(_t, method: string) {
      return (payload?: unknown) => {
        try {
          const fn = (pick(bridge()) as Record<string, (p?: unknown) => Promise<unknown>>)[method];
          return fn(payload).catch((e: unknown) => Promise.reject(toCandorError(e)));
        } catch (e) {
          return Promise.reject(toCandorError(e));
        }
      };
    },
  });
}

export const engine: ClientOf<EngineApi> = wrap((b) => b.engine);
export const app: ClientOf<AppApi> = wrap((b) => b.app);

export function on<E extends keyof CandorEvents>(event: E, cb: (payload: CandorEvents[E]) => void): () => void {
  return window.candor ? window.candor.on(event, cb) : () => undefined;
}

export function errorText(err: unknown): string {
  const e = toCandorError(err);
  return e.hint ? `${e.message}. ${e.hint}` : e.message;
}

/** The path of a File dropped on the page ('' outside the app); main checks it before anything reads it. */
export function pathForFile(file: File): string {
  return window.candor ? window.candor.pathForFile(file) : '';
}
