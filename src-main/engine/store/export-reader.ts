// A second reader of a JSON export, in a worker thread of its own (started by
// export-helper.ts): it builds and checks the calls it is given, in order,
// on its own read-only connection, and hands each one's JSON text (or its
// damage) back through the port. At most WINDOW calls wait unread: memory
// stays flat. SQLite builds the text of a call in C on one core; two readers
// use the two cores of a small machine (issue 13: 10,000 calls in <= 10 s).
import { workerData, type MessagePort } from 'node:worker_threads';
import { CandorError, serializeError, type SerializedError } from '../../contract/errors';
import { CallStore } from './calls-store';
import { mapSqliteError } from './db';
import { exportCallJson } from './export-call';

export interface ReaderData {
  path: string;
  ids: number[];
  port: MessagePort;
  /** [calls posted, calls taken] */
  counters: SharedArrayBuffer;
  window: number;
}

/** A call's JSON (UTF-8), or its damage; `fatal`: this reader cannot go on (the main reader does the rest). */
export type ReaderMessage = { text: Uint8Array } | { error: SerializedError } | { fatal: SerializedError };

const { path, ids, port, counters, window } = workerData as ReaderData;
const count = new Int32Array(counters);

function post(m: ReaderMessage): void {
  port.postMessage(m);
  Atomics.add(count, 0, 1);
  Atomics.notify(count, 0);
}

let store: CallStore | null = null;
try {
  // The main reader checked the file at its open; this one only reads calls.
  store = new CallStore(path, { readonly: true, checkMaxBytes: 0, backups: false });
  // Each page is read once, for one call: a small page cache is enough, and keeps the thread's memory small.
  store.db.pragma('cache_size = -2048');
  for (const id of ids) {
    for (;;) {
      const taken = Atomics.load(count, 1);
      if (Atomics.load(count, 0) - taken < window) break;
      Atomics.wait(count, 1, taken, 1000);
    }
    try {
      post({ text: exportCallJson(store, id) });
    } catch (err) {
      post({ error: serializeError(err instanceof CandorError ? err : mapSqliteError(err, path)) });
    }
  }
} catch (err) {
  post({ fatal: serializeError(err instanceof CandorError ? err : mapSqliteError(err, path)) });
} finally {
  store?.close();
  port.close();
}
