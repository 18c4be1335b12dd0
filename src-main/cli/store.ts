// Opens the store for a command: --db, else CANDOR_DB, else the app-data
// folder. Interrupted calls are recovered on the way in. A command that only
// reads (list, show, search, export) opens a file it may not write read-only
// instead of failing: recovery waits until the file is writable again.
import { accessSync, constants, existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { CallStore } from '../engine/store/calls-store';
import { defaultDbPath } from '../engine/store/paths';
import { recoverInterruptedCalls } from '../engine/store/recovery';

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
  if (opts.recover !== false) {
    const ids = recoverInterruptedCalls(store);
    if (ids.length) process.stderr.write(`candor: recovered ${ids.length} interrupted call(s): ${ids.join(', ')}\n`);
  }
  return store;
}
