// Opens the store for a command: --db, else CANDOR_DB, else the app-data
// folder. Interrupted calls are recovered on the way in.
import { CallStore } from '../engine/store/calls-store';
import { defaultDbPath } from '../engine/store/paths';
import { recoverInterruptedCalls } from '../engine/store/recovery';

export function openStore(dbFlag?: string, opts: { recover?: boolean } = {}): CallStore {
  const store = new CallStore(dbFlag ?? defaultDbPath());
  if (opts.recover !== false) {
    const ids = recoverInterruptedCalls(store);
    if (ids.length) process.stderr.write(`candor: recovered ${ids.length} interrupted call(s): ${ids.join(', ')}\n`);
  }
  return store;
}
