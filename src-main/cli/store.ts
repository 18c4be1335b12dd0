// Opens the store for a command: --db, else CANDOR_DB, else the app-data
// folder. Interrupted calls are recovered on the way in. Commands that only
// read or write the history use it on their own thread; `record` runs it in
// a worker thread (openStoreThread), like the engine, so that no SQL runs on
// the thread of the live call. A command that only reads (list, show,
// search, export) opens a file it may not write read-only instead of
// failing: recovery waits until the file is writable again.
import { accessSync, constants, existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { CallStore } from '../engine/store/calls-store';
import type { OpenOptions } from '../engine/store/db';
import { defaultDbPath } from '../engine/store/paths';
import { recoverInterruptedCalls } from '../engine/store/recovery';
import { openStoreWorker, type StoreClient } from '../engine/store/worker/store-client';

function noteRecovered(ids: number[]): void {
  if (ids.length) process.stderr.write(`candor: recovered ${ids.length} interrupted call(s): ${ids.join(', ')}\n`);
}

function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    accessSync(dirname(path), constants.W_OK); // the -wal and -shm files go beside it
    return true;
  } catch {
    return false;
  }
}

export function openStore(dbFlag?: string, opts: { recover?: boolean; readOnlyOk?: boolean } = {}): CallStore {
  const path = dbFlag ?? defaultDbPath();
  if (opts.readOnlyOk && existsSync(path) && !writable(path)) {
    const store = new CallStore(path, { readonly: true });
    const waiting = store.interruptedCalls().length;
    if (waiting) process.stderr.write(`candor: the database is read-only; ${waiting} interrupted call(s) will be recovered once it is writable\n`);
    return store;
  }
  const store = new CallStore(path);
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
