// Opens the store for a command: --db, else CANDOR_DB, else the app-data
// folder. Interrupted calls are recovered on the way in. Commands that only
// read or write the history use it on their own thread; `record` runs it in
// a worker thread (openStoreThread), like the engine, so that no SQL runs on
// the thread of the live call.
import { CallStore } from '../engine/store/calls-store';
import type { OpenOptions } from '../engine/store/db';
import { defaultDbPath } from '../engine/store/paths';
import { recoverInterruptedCalls } from '../engine/store/recovery';
import { openStoreWorker, type StoreClient } from '../engine/store/worker/store-client';

function noteRecovered(ids: number[]): void {
  if (ids.length) process.stderr.write(`candor: recovered ${ids.length} interrupted call(s): ${ids.join(', ')}\n`);
}

export function openStore(dbFlag?: string, opts: { recover?: boolean } = {}): CallStore {
  const store = new CallStore(dbFlag ?? defaultDbPath());
  if (opts.recover !== false) noteRecovered(recoverInterruptedCalls(store));
  return store;
}

export async function openStoreThread(dbFlag?: string, opts: OpenOptions = {}): Promise<StoreClient> {
  const store = await openStoreWorker(dbFlag ?? defaultDbPath(), opts);
  try {
    noteRecovered(await store.recoverInterrupted());
  } catch (err) {
    await store.close();
    throw err;
  }
  return store;
}
