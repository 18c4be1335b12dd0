// A thread of its own that writes one backup copy (`VACUUM INTO`, a
// logical copy: no free page or unused cell space goes into it) through a
// read-only connection of its own. A copy of a big history takes seconds
// (8 s for 10,000 calls); meanwhile the store's thread keeps answering,
// and writers are not held up (a WAL reader blocks no writer). SQLite
// cannot be stopped inside the statement, so an unwanted copy is left to
// finish and then thrown away (upkeep.ts, backups.ts retireBackups). The
// thread runs at the lowest CPU priority where the system allows it per
// thread (Linux): on two cores the copy otherwise competes with the store's
// thread and the live call for the CPU.
import Database from 'better-sqlite3';
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';

export interface BackupThreadData {
  path: string;
  tmp: string;
  busyTimeoutMs: number;
}

export type BackupThreadReply = { ok: true } | { ok: false; message: string; code?: string };

const port = parentPort;
if (!port) throw new Error('backup-thread.ts must run in a worker thread');
const { path, tmp, busyTimeoutMs } = workerData as BackupThreadData;

/** Linux: nice 19 for this thread only (setpriority on its thread id); elsewhere it keeps the normal priority. */
function lowerPriority(): void {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(tid) && tid > 0) setPriority(tid, 19);
  } catch {
    // No /proc/thread-self (macOS, Windows): the copy runs at the normal priority.
  }
}

let reply: BackupThreadReply;
try {
  lowerPriority();
  const db = new Database(path, { readonly: true, timeout: busyTimeoutMs });
  try {
    db.prepare('VACUUM INTO ?').run(tmp);
  } finally {
    db.close();
  }
  reply = { ok: true };
} catch (err) {
  reply = { ok: false, message: (err as Error).message, code: (err as { code?: string }).code };
}
port.postMessage(reply);
