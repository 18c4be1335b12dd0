// A thread of its own that folds the WAL into the database file after a big
// delete (compaction.ts, FOLD_ELSEWHERE_BYTES): the fold cuts the file down
// to the database it now holds, and giving gigabytes back to the file
// system takes a second or more at 10,000 calls. It is a PASSIVE checkpoint
// through a connection of its own: it holds up no reader and no writer, so
// the store's thread goes on answering and the live call goes on recording.
// The store's thread then finishes the scrub (its own fold has nothing left
// to copy or cut) and clears the mark.
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';

export interface FoldThreadData {
  path: string;
  busyTimeoutMs: number;
}

/** done: every frame of the log was copied into the file (no reader held one back). */
export type FoldThreadReply = { ok: true; done: boolean } | { ok: false; message: string };

const port = parentPort;
if (!port) throw new Error('fold-thread.ts must run in a worker thread');
const { path, busyTimeoutMs } = workerData as FoldThreadData;

let reply: FoldThreadReply;
try {
  const db = new Database(path, { timeout: busyTimeoutMs });
  try {
    const [cp] = db.pragma('wal_checkpoint(PASSIVE)') as { busy: number; log: number; checkpointed: number }[];
    reply = { ok: true, done: cp.busy === 0 && cp.log === cp.checkpointed };
  } finally {
    db.close();
  }
} catch (err) {
  reply = { ok: false, message: (err as Error).message };
}
port.postMessage(reply);
