// A process of its own that runs the last step of a delete's scrub: a full
// VACUUM, which rewrites every page in use, so that no old copy of a
// deleted call's cell is left in a page's unused space (compaction.ts). It
// holds the write lock for its whole length (seconds on a big history), so
// the store's thread starts it only while no call is being recorded and
// kills it before any write of its own (upkeep.ts): SQLite rolls the
// unfinished VACUUM back, and it is run again later. It runs at the lowest
// CPU priority, beside the store's thread answering lists and searches.
//
// Started by backup-job.ts (startJobProcess); prints one JSON line: { ok } or { ok: false, message }.
import Database from 'better-sqlite3';
import { setPriority } from 'node:os';

interface RewriteJob {
  path: string;
  busyTimeoutMs: number;
}

function run(job: RewriteJob): { ok: true } | { ok: false; message: string; code?: string } {
  try {
    try {
      setPriority(19);
    } catch {
      // Not allowed here: it runs at the normal priority.
    }
    const db = new Database(job.path, { timeout: job.busyTimeoutMs });
    try {
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.exec('VACUUM');
      db.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      db.close();
    }
    return { ok: true };
  } catch (err) {
    return { ok: false, message: (err as Error).message, code: (err as { code?: string }).code };
  }
}

process.stdout.write(`${JSON.stringify(run(JSON.parse(process.argv[2]) as RewriteJob))}\n`);
