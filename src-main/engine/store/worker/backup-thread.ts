// A thread of its own that writes one backup copy (`VACUUM INTO`, a
// logical copy: no free page or unused cell space goes into it) through a
// read-only connection of its own. A copy of a big history takes seconds
// (8 s for 10,000 calls); meanwhile the store's thread keeps answering,
// and writers are not held up (a WAL reader blocks no writer). SQLite
// cannot be stopped inside the statement, so an unwanted copy is left to
// finish and then thrown away (upkeep.ts, backups.ts removeBackups).
import Database from 'better-sqlite3';
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

let reply: BackupThreadReply;
try {
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
