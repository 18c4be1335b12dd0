// The typed request/response between the engine and the store's worker
// thread (Signal Desktop style). The names a client may call are CallStore's
// public methods plus STORE_OPS; their argument and result types come from
// those declarations, so a method added to CallStore is callable at once.
import type { SerializedError } from '../../../contract/errors';
import type { HistoryUpkeep } from '../../../contract/history-upkeep';
import type { CallStore } from '../calls-store';
import type { StoreOptions } from '../calls-store';
import type { StoreOps } from './store-ops';

type AnyFn = (...args: never[]) => unknown;

/** CallStore methods that cannot cross a thread: a callback (tx) and the store's own lifetime (close). */
export type LocalOnly = 'tx' | 'close';

export type StoreMethodName = Exclude<{ [K in keyof CallStore]: CallStore[K] extends AnyFn ? K : never }[keyof CallStore], LocalOnly>;

type DropStore<F> = F extends (s: CallStore, ...args: infer A) => infer R ? (...args: A) => R : never;

/** Everything the worker serves, as synchronous signatures. */
export type StoreApi = { [K in StoreMethodName]: CallStore[K] } & { [K in keyof StoreOps]: DropStore<StoreOps[K]> };

export type StoreName = keyof StoreApi;

/** The same, as seen from another thread. */
export type AsyncStoreApi = {
  [K in StoreName]: StoreApi[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : never;
};

export type ToStoreWorker =
  | { type: 'open'; path: string; options: StoreOptions }
  | { type: 'call'; id: number; name: StoreName; args: unknown[] }
  | { type: 'close' };

export type FromStoreWorker =
  | { type: 'opened'; names: StoreName[] }
  | { type: 'result'; id: number; value: unknown }
  /** How far a long request is (an export), before its result. */
  | { type: 'progress'; id: number; done: number; total: number }
  | { type: 'error'; id: number | null; error: SerializedError }
  /** The work after answering changed state (upkeep.ts); the first right after 'opened'. */
  | { type: 'upkeep'; state: HistoryUpkeep }
  | { type: 'closed' };
