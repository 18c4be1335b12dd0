// The engine's side of the store's worker thread. `openStoreWorker` starts
// the thread, opens the database there, and returns an object with one
// async method per thing the worker serves (CallStore's methods and
// STORE_OPS), typed from their declarations. Answers are matched to
// requests by id; errors come back as CandorErrors; if the thread dies,
// every waiting request fails with a CandorError instead of hanging.
import type { Worker } from 'node:worker_threads';
import { CandorError, deserializeError } from '../../../contract/errors';
import type { HistoryUpkeep } from '../../../contract/history-upkeep';
import { spawnWorker, workerModuleUrl } from '../../runtime/spawn-worker';
import type { StoreOptions } from '../calls-store';
import type { AsyncStoreApi, FromStoreWorker, StoreApi, StoreName, ToStoreWorker } from './protocol';

export interface StoreHandle {
  /** The database file. */
  readonly path: string;
  /** Calls one operation by name (what every method of the client does). */
  request<K extends StoreName>(name: K, ...args: Parameters<StoreApi[K]>): Promise<Awaited<ReturnType<StoreApi[K]>>>;
  /** The same, with `onProgress` called as a long operation (an export) reports how far it is. */
  requestWithProgress<K extends StoreName>(name: K, onProgress: ProgressListener, ...args: Parameters<StoreApi[K]>):
    Promise<Awaited<ReturnType<StoreApi[K]>>>;
  /**
   * Calls `cb` with the state of the work the thread does after answering
   * (scrub, fresh backup) each time it changes; at once with the last one
   * known. Returns the unsubscribe.
   */
  onUpkeep(cb: UpkeepListener): () => void;
  /** The last upkeep state the thread reported (null before the first). */
  readonly upkeep: HistoryUpkeep | null;
  /** Finishes the requests already sent, closes the database and ends the thread. */
  close(): Promise<void>;
  readonly closed: boolean;
}

export type StoreClient = AsyncStoreApi & StoreHandle;

export type ProgressListener = (done: number, total: number) => void;

export type UpkeepListener = (state: HistoryUpkeep) => void;

interface Pending {
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
  onProgress?: ProgressListener;
}

const OPEN_TIMEOUT_MS = 60_000;

class Connection {
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private dead: CandorError | null = null;
  private closing: Promise<void> | null = null;
  private readonly upkeepListeners = new Set<UpkeepListener>();
  private upkeep: HistoryUpkeep | null = null;

  constructor(private readonly worker: Worker, readonly path: string, upkeep: HistoryUpkeep | null) {
    this.upkeep = upkeep;
    worker.on('message', (m: FromStoreWorker) => {
      if (m.type === 'result') this.settle(m.id, (p) => p.resolve(m.value));
      else if (m.type === 'upkeep') this.upkeepChanged(m.state);
      else if (m.type === 'progress') this.pending.get(m.id)?.onProgress?.(m.done, m.total);
      else if (m.type === 'error' && m.id !== null) this.settle(m.id, (p) => p.reject(deserializeError(m.error)));
    });
    worker.on('error', (err) => this.die(`it failed: ${err.message}`));
    worker.on('exit', (code) => this.die(`it exited (code ${code})`));
  }

  private upkeepChanged(state: HistoryUpkeep): void {
    this.upkeep = state;
    for (const cb of this.upkeepListeners) cb(state);
  }

  get lastUpkeep(): HistoryUpkeep | null {
    return this.upkeep;
  }

  onUpkeep(cb: UpkeepListener): () => void {
    this.upkeepListeners.add(cb);
    if (this.upkeep) cb(this.upkeep);
    return () => this.upkeepListeners.delete(cb);
  }

  private get closedError(): CandorError {
    return new CandorError('INTERNAL', `the database ${this.path} is closed`);
  }

  get closed(): boolean {
    return this.dead !== null;
  }

  private die(why: string): void {
    if (this.closing) this.dead ??= this.closedError;
    this.dead ??= new CandorError('INTERNAL', `the database thread for ${this.path} stopped: ${why}`,
      'Restart Candor; what was saved before this is kept.');
    for (const p of this.pending.values()) p.reject(this.dead);
    this.pending.clear();
  }

  private settle(id: number, fn: (p: Pending) => void): void {
    const p = this.pending.get(id);
    if (!p) return;
    this.pending.delete(id);
    fn(p);
    if (this.pending.size === 0) this.worker.unref();
  }

  request(name: StoreName, args: unknown[], onProgress?: ProgressListener): Promise<unknown> {
    if (this.dead || this.closing) return Promise.reject(this.dead ?? this.closedError);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, onProgress });
      this.worker.ref(); // a process waiting for an answer stays alive for it
      this.worker.postMessage({ type: 'call', id, name, args } satisfies ToStoreWorker);
    });
  }

  close(): Promise<void> {
    if (this.closing) return this.closing;
    if (this.dead) return Promise.resolve();
    this.worker.ref();
    this.closing = new Promise<void>((resolve) => {
      this.worker.on('message', (m: FromStoreWorker) => {
        if (m.type === 'closed') void this.worker.terminate().then(() => resolve());
      });
      this.worker.once('exit', () => resolve());
      this.worker.postMessage({ type: 'close' } satisfies ToStoreWorker);
    }).then(() => {
      this.dead ??= this.closedError;
    });
    return this.closing;
  }
}

/**
 * Opens the database in a worker thread of its own. Rejects with the
 * opener's CandorError (not a database, locked, newer schema...).
 */
export async function openStoreWorker(path: string, options: StoreOptions = {}): Promise<StoreClient> {
  const worker = spawnWorker(workerModuleUrl('store-worker', import.meta.url), { name: 'candor-store' });
  // The first upkeep state follows 'opened' at once: kept here until the connection listens.
  let upkeepBefore: HistoryUpkeep | null = null;
  const early = (m: FromStoreWorker): void => {
    if (m.type === 'upkeep') upkeepBefore = m.state;
  };
  worker.on('message', early);
  let names: StoreName[];
  try {
    names = await new Promise<StoreName[]>((resolve, reject) => {
      const timer = setTimeout(() => reject(new CandorError('INTERNAL', `the database ${path} did not open within ${OPEN_TIMEOUT_MS / 1000} s`)), OPEN_TIMEOUT_MS);
      const done = (): void => {
        clearTimeout(timer);
        worker.off('message', onMsg);
      };
      const onMsg = (m: FromStoreWorker): void => {
        if (m.type === 'opened') {
          done();
          resolve(m.names);
        } else if (m.type === 'error' && m.id === null) {
          done();
          reject(deserializeError(m.error));
        }
      };
      worker.on('message', onMsg);
      worker.once('error', (err) => {
        done();
        reject(new CandorError('INTERNAL', `the database thread failed to start: ${err.message}`, undefined, { cause: err }));
      });
      worker.postMessage({ type: 'open', path, options } satisfies ToStoreWorker);
    });
  } catch (err) {
    await worker.terminate();
    throw err;
  }
  worker.unref();
  const conn = new Connection(worker, path, upkeepBefore);
  worker.off('message', early);
  const client: Record<string, unknown> = {
    path,
    request: (name: StoreName, ...args: unknown[]) => conn.request(name, args),
    requestWithProgress: (name: StoreName, onProgress: ProgressListener, ...args: unknown[]) => conn.request(name, args, onProgress),
    close: () => conn.close(),
    onUpkeep: (cb: UpkeepListener) => conn.onUpkeep(cb),
  };
  Object.defineProperty(client, 'closed', { get: () => conn.closed, enumerable: true });
  Object.defineProperty(client, 'upkeep', { get: () => conn.lastUpkeep, enumerable: true });
  for (const name of names) if (!(name in client)) client[name] = (...args: unknown[]) => conn.request(name, args);
  return client as unknown as StoreClient;
}
