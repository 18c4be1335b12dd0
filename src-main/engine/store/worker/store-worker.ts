// The store's worker thread: opens one CallStore on the file ("open"), then
// runs one request at a time, in order ("call"), and answers each with its
// result or its error as a CandorError. SQL, VACUUM and exports run here,
// never on the thread that runs live capture and analysis. Between requests
// it finishes the scrub of deleted calls and has backups written
// (upkeep.ts): a delete answers before that work is done.
import { parentPort } from 'node:worker_threads';
import { serializeError } from '../../../contract/errors';
import { CallStore } from '../calls-store';
import { mapSqliteError } from '../db';
import type { FromStoreWorker, LocalOnly, StoreName, ToStoreWorker } from './protocol';
import { STORE_OPS, type OpContext } from './store-ops';
import { Upkeep } from './upkeep';

const port = parentPort;
if (!port) throw new Error('store-worker.ts must run in a worker thread');

const LOCAL_ONLY: readonly string[] = ['tx', 'close'] satisfies LocalOnly[];

function methodNames(store: CallStore): StoreName[] {
  const proto = Object.getPrototypeOf(store) as Record<string, unknown>;
  return Object.getOwnPropertyNames(proto)
    .filter((n) => n !== 'constructor' && !LOCAL_ONLY.includes(n) && typeof proto[n] === 'function') as StoreName[];
}

let store: CallStore | null = null;
let upkeep: Upkeep | null = null;
let served = new Set<string>();
let queue: Promise<void> = Promise.resolve();

function post(m: FromStoreWorker): void {
  port!.postMessage(m);
}

async function run(id: number, name: string, args: unknown[]): Promise<unknown> {
  if (!store) throw new Error('the store worker got a request before the database was opened');
  if (!served.has(name)) throw new Error(`the store has no operation "${name}"`);
  const op = (STORE_OPS as Record<string, (this: OpContext, s: CallStore, ...a: unknown[]) => unknown>)[name];
  const context: OpContext = { progress: (done, total) => post({ type: 'progress', id, done, total }) };
  if (op) return op.call(context, store, ...args);
  return (store[name as keyof CallStore] as (...a: unknown[]) => unknown).apply(store, args);
}

port.on('message', (msg: ToStoreWorker) => {
  if (msg.type === 'open') {
    try {
      // The scrub left by a killed delete and the daily backup are done after the open, off the request path (upkeep.ts).
      store = new CallStore(msg.path, { ...msg.options, scrubAtOpen: false, dailyBackupAtOpen: false });
      upkeep = msg.options.upkeep === false ? null : new Upkeep(store, (job) => {
        queue = queue.then(job);
      }, {
        backups: !msg.options.readonly && msg.path !== ':memory:' && msg.options.backups !== false,
        busyTimeoutMs: msg.options.busyTimeoutMs ?? 5000,
        onChange: (state) => post({ type: 'upkeep', state }),
      });
      const names = [...methodNames(store), ...(Object.keys(STORE_OPS) as StoreName[])];
      served = new Set(names);
      post({ type: 'opened', names });
      upkeep?.poke();
    } catch (err) {
      post({ type: 'error', id: null, error: serializeError(mapSqliteError(err, msg.path)) });
    }
    return;
  }
  if (msg.type === 'call') {
    // One request at a time, in order, even when an operation is asynchronous.
    queue = queue.then(async () => {
      try {
        upkeep?.beforeRequest(msg.name); // a request that may write stops the scrub's rewrite first
        post({ type: 'result', id: msg.id, value: await run(msg.id, msg.name, msg.args) });
      } catch (err) {
        post({ type: 'error', id: msg.id, error: serializeError(mapSqliteError(err, store?.path ?? '')) });
      }
      upkeep?.poke();
    });
    return;
  }
  if (msg.type === 'close') {
    queue = queue.then(async () => {
      await upkeep?.stop(); // a backup copy being written is killed, not waited for
      upkeep = null;
      store?.close();
      store = null;
      post({ type: 'closed' });
      port.close();
    });
  }
});
