// Scrubbing deleted calls out of the file without stopping the world.
// A delete commits its rows and, in the same transaction, a row in
// pending_compaction. Compaction then hands the freed pages back to the file
// system (incremental vacuum, a few MB per step, so no writer waits long),
// folds the WAL into the file and truncates it, lets the caller replace the
// backups (which still hold the deleted calls), and only then clears the
// mark. A process killed in between leaves the mark, and the next open
// finishes the job (issue 14, defect 8). Deleted cells are zeroed when they
// are deleted (PRAGMA secure_delete, set at open) and the search indexes
// remove a deleted call's words at once (FTS5 secure-delete), so once the
// free pages are gone and the WAL is folded in, no copy of the text is left.
// A database created before auto_vacuum was on is converted by one full
// VACUUM, the first time it needs compacting; one with only a few pages left
// in use (everything deleted) is compacted by a VACUUM too, which then copies
// almost nothing.
import type { Db } from './db';

/** Pages per incremental-vacuum step: 8 MB at 4 KiB pages. */
export const VACUUM_STEP_PAGES = 2048;

const AUTO_VACUUM_INCREMENTAL = 2;

/** Call inside the transaction that deletes. */
export function markPendingCompaction(db: Db): void {
  db.prepare('INSERT OR REPLACE INTO pending_compaction (id, since) VALUES (1, ?)').run(new Date().toISOString());
}

export function compactionPending(db: Db): boolean {
  return db.prepare('SELECT EXISTS (SELECT 1 FROM pending_compaction)').pluck().get() === 1;
}

export interface CompactionResult {
  /** false when a reader kept the WAL from being folded in; the mark stays and a later run finishes. */
  done: boolean;
  /** Pages handed back to the file system. */
  freedPages: number;
  /** A full VACUUM ran: to convert the database to incremental vacuum, or because only a few pages were left. */
  fullVacuum: boolean;
}

interface Checkpoint {
  busy: number;
  log: number;
  checkpointed: number;
}

function foldWal(db: Db): boolean {
  const [cp] = db.pragma('wal_checkpoint(TRUNCATE)') as Checkpoint[];
  return cp.busy === 0 && cp.log === cp.checkpointed;
}

export interface CompactOptions {
  stepPages?: number;
  /** Runs once the file holds no trace of the deleted calls, before the mark is cleared (a kill during it leaves the mark). */
  beforeClear?: () => void;
}

export function compact(db: Db, opts: CompactOptions = {}): CompactionResult {
  const step = opts.stepPages ?? VACUUM_STEP_PAGES;
  let freedPages = 0;
  let fullVacuum = false;
  if (db.pragma('auto_vacuum', { simple: true }) !== AUTO_VACUUM_INCREMENTAL) {
    freedPages = db.pragma('freelist_count', { simple: true }) as number;
    db.pragma('auto_vacuum = INCREMENTAL');
    db.exec('VACUUM');
    fullVacuum = true;
  } else if ((db.pragma('page_count', { simple: true }) as number) - (db.pragma('freelist_count', { simple: true }) as number) <= step) {
    // Almost everything was deleted (delete --all): a VACUUM copies the few pages left, as fast as one step,
    // while incremental steps over hundreds of thousands of free pages took minutes (each searches the free list).
    freedPages = db.pragma('freelist_count', { simple: true }) as number;
    db.exec('VACUUM');
    fullVacuum = true;
  } else {
    for (;;) {
      const free = db.pragma('freelist_count', { simple: true }) as number;
      if (free === 0) break;
      db.pragma(`incremental_vacuum(${Math.min(step, free)})`);
      freedPages += free - (db.pragma('freelist_count', { simple: true }) as number);
    }
  }
  if (!foldWal(db)) return { done: false, freedPages, fullVacuum };
  opts.beforeClear?.();
  db.prepare('DELETE FROM pending_compaction').run();
  foldWal(db);
  return { done: true, freedPages, fullVacuum };
}

/** A full VACUUM now, the WAL folded in before and after: it holds the write lock throughout (seconds on a big history). */
export function fullVacuum(db: Db): void {
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.exec('VACUUM');
  db.pragma('wal_checkpoint(TRUNCATE)');
}
