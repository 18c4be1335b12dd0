// A process of its own that writes one backup copy (`VACUUM INTO`, a
// logical copy: no free page or unused cell space goes into it) through a
// read-only connection of its own. A copy of a big history takes seconds
// (8 s for 10,000 calls); meanwhile the store's thread keeps answering, and
// writers are not held up (a WAL reader blocks no writer). SQLite cannot be
// stopped inside the statement, and neither can a thread in it (even
// process.exit waits for one), so the copy runs in a process: closing the
// store kills it at once and removes the half-written file (upkeep.ts). An
// unwanted copy that is let run is thrown away, never placed (backups.ts
// retireBackups). It runs at the lowest CPU priority: on two cores the copy
// otherwise competes with the store's thread and the live call.
//
// Started by backup-job.ts, which describes the job and the reply.
import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { setPriority } from 'node:os';
import { placeBackup } from '../backups';
import type { BackupJob, BackupReply } from './backup-job';

function run(job: BackupJob): BackupReply {
  try {
    try {
      setPriority(19);
    } catch {
      // Not allowed here: the copy runs at the normal priority.
    }
    const db = new Database(job.path, { readonly: true, timeout: job.busyTimeoutMs });
    try {
      db.prepare('VACUUM INTO ?').run(job.tmp);
    } finally {
      db.close();
    }
    // Removed (retired) by a delete while it was written: the rename fails and nothing is placed.
    if (job.final) placeBackup(job.path, { kind: 'daily', final: job.final, tmp: job.tmp });
    return { ok: true };
  } catch (err) {
    if (job.final) rmSync(job.tmp, { force: true });
    return { ok: false, message: (err as Error).message, code: (err as { code?: string }).code };
  }
}

process.stdout.write(`${JSON.stringify(run(JSON.parse(process.argv[2]) as BackupJob))}\n`);
