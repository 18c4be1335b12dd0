// Scrubbing deleted calls out of the file without stopping the world.
// A delete commits its rows and, in the same transaction, a row in
// pending_compaction. Compaction then hands the freed pages back to the file
// system (incremental vacuum, a few MB per step, so no writer waits long),
// folds the WAL into the file and truncates it, lets the caller remove the
// backups (which still hold the deleted calls), and only then clears the
// mark. A process killed in between leaves the mark, and the next open
// finishes the job (issue 14, defect 8). It runs either all at once
// (compact: at open, in the CLI) or in bounded steps between the requests of
// the store's thread (compactStep, worker/upkeep.ts), so that a list or a
// search never waits for more than one step. Deleted cells are zeroed when they
// are deleted (PRAGMA secure_delete, set at open) and the search indexes
// remove a deleted call's words at once (FTS5 secure-delete). Free pages and
// the WAL are not all: a cell SQLite moved within its page earlier leaves an
// old copy in the page's unused space, so the last step is a full VACUUM,
// which rewrites every page in use. The store's thread has it done by a
// process it can kill (worker/rewrite-process.ts); at open and in the CLI it
// runs here. Then no copy of the text is left.
// A database created before auto_vacuum was on is converted by one full
// VACUUM, the first time it needs compacting; one with only a few pages left
// in use (everything deleted) is compacted by a VACUUM too, which then copies
// almost nothing.
import { randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import type { Db } from './db';

/** Pages per incremental-vacuum step: 8 MB at 4 KiB pages. */
export const VACUUM_STEP_PAGES = 2048;
/** At most this many pages left in use (8 MB): a full VACUUM, which copies only those, beats stepping through the free list. */
export const NEARLY_EMPTY_PAGES = 2048;

/**
 * The file is longer than the database it holds by more than this (a big
 * delete handed back its pages): folding the WAL in gives that space back to
 * the file system, which takes a second or more at 10,000 calls. A step that
 * may leave it elsewhere (the store's thread: worker/fold-thread.ts) reports
 * 'fold' instead of doing it.
 */
export const FOLD_ELSEWHERE_BYTES = 32 << 20;

const AUTO_VACUUM_INCREMENTAL = 2;

/** Call inside the transaction that deletes. `since` names this mark: a rewrite done for an earlier one does not count for it. */
export function markPendingCompaction(db: Db): void {
  db.prepare('INSERT OR REPLACE INTO pending_compaction (id, since) VALUES (1, ?)').run(`${new Date().toISOString()} ${randomUUID()}`);
}

/** When the pending compaction was marked (a delete after it marks it again): null when none is pending. */
export function markSince(db: Db): string | null {
  return (db.prepare('SELECT since FROM pending_compaction').pluck().get() as string | undefined) ?? null;
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

/**
 * Folds the WAL into the file and truncates it. `wait: false` gives up at
 * once when a reader still needs the log (the store's thread then tries
 * again a little later instead of waiting out its busy timeout).
 */
function foldWal(db: Db, wait: boolean): boolean {
  const timeout = db.pragma('busy_timeout', { simple: true }) as number;
  if (!wait) db.pragma('busy_timeout = 0');
  try {
    const [cp] = db.pragma('wal_checkpoint(TRUNCATE)') as Checkpoint[];
    return cp.busy === 0 && cp.log === cp.checkpointed;
  } catch (err) {
    if (!wait && String((err as { code?: string }).code).startsWith('SQLITE_BUSY')) return false;
    throw err;
  } finally {
    if (!wait) db.pragma(`busy_timeout = ${timeout}`);
  }
}

export interface CompactOptions {
  stepPages?: number;
  /** Runs once the file holds no trace of the deleted calls, before the mark is cleared (a kill during it leaves the mark). */
  beforeClear?: () => void;
  /** The full VACUUM that rewrites the pages in use is left to the caller ('rewrite'; worker/rewrite-process.ts). */
  rewriteElsewhere?: boolean;
  /** The mark (its `since`) whose rewrite the caller has done elsewhere. */
  rewritten?: string | null;
}

export interface StepOptions extends CompactOptions {
  /** Stop handing pages back after about this long; the next step goes on. */
  budgetMs: number;
  /** Wait for readers to fold the WAL in (the busy timeout), or report 'busy' at once. */
  wait: boolean;
  /** A fold that shrinks the file by more than FOLD_ELSEWHERE_BYTES is left to the caller ('fold'). */
  foldElsewhere?: boolean;
}

/**
 * Where a step left the compaction: more to do, a reader in the way of the
 * fold (try again later), a long fold or the rewrite for the caller to run
 * elsewhere (then step again), or done (mark cleared).
 */
export type StepState = 'more' | 'busy' | 'fold' | 'rewrite' | 'done';

export interface StepResult {
  state: StepState;
  freedPages: number;
  fullVacuum: boolean;
}

/**
 * One bounded piece of the compaction: hands free pages back until the
 * budget is spent, and once none is left, folds the WAL in and clears the
 * mark. A full VACUUM (conversion, or almost nothing left) is one step of
 * its own, however long it takes.
 */
export function compactStep(db: Db, opts: StepOptions): StepResult {
  const step = opts.stepPages ?? VACUUM_STEP_PAGES;
  const t0 = performance.now();
  let freedPages = 0;
  let fullVacuum = false;
  if (!compactionPending(db)) return { state: 'done', freedPages, fullVacuum };
  const free = (): number => db.pragma('freelist_count', { simple: true }) as number;
  if (db.pragma('auto_vacuum', { simple: true }) !== AUTO_VACUUM_INCREMENTAL) {
    freedPages = free();
    db.pragma('auto_vacuum = INCREMENTAL');
    db.exec('VACUUM');
    fullVacuum = true;
  } else if (free() > 0 && (db.pragma('page_count', { simple: true }) as number) - free() <= NEARLY_EMPTY_PAGES) {
    // Almost everything was deleted (delete --all): a VACUUM copies the few pages left, as fast as one step,
    // while incremental steps over hundreds of thousands of free pages took minutes (each searches the free list).
    freedPages = free();
    db.exec('VACUUM');
    fullVacuum = true;
  } else {
    for (let left = free(); left > 0; left = free()) {
      if (freedPages > 0 && performance.now() - t0 >= opts.budgetMs) return { state: 'more', freedPages, fullVacuum };
      db.pragma(`incremental_vacuum(${Math.min(step, left)})`);
      freedPages += left - free();
    }
  }
  if (opts.foldElsewhere && fileSurplus(db) > FOLD_ELSEWHERE_BYTES) return { state: 'fold', freedPages, fullVacuum };
  if (!foldWal(db, opts.wait)) return { state: 'busy', freedPages, fullVacuum };
  // Deleted cells are zeroed, but a cell SQLite moved within its page (a
  // neighbour deleted, the page rebalanced) leaves its old bytes in the
  // page's unused space, and a later delete of that row zeroes only the new
  // copy: only a full VACUUM rewrites the pages still in use.
  const since = markSince(db);
  if (!fullVacuum && opts.rewritten !== since) {
    if (opts.rewriteElsewhere) return { state: 'rewrite', freedPages, fullVacuum };
    db.exec('VACUUM');
    fullVacuum = true;
    if (!foldWal(db, opts.wait)) return { state: 'busy', freedPages, fullVacuum };
  }
  opts.beforeClear?.();
  db.prepare('DELETE FROM pending_compaction').run();
  foldWal(db, opts.wait); // the mark's own change; if a reader holds it back, the log holds no deleted text anyway
  return { state: 'done', freedPages, fullVacuum };
}

/** Bytes of the file beyond the database in it (pages handed back, not yet cut off by a fold). */
function fileSurplus(db: Db): number {
  if (db.memory) return 0;
  const bytes = (db.pragma('page_count', { simple: true }) as number) * (db.pragma('page_size', { simple: true }) as number);
  return statSync(db.name).size - bytes;
}

/** The whole compaction now, on this thread (at open, in the CLI, in tests). */
export function compact(db: Db, opts: CompactOptions = {}): CompactionResult {
  let freedPages = 0;
  let fullVacuum = false;
  for (;;) {
    const r = compactStep(db, { ...opts, budgetMs: Infinity, wait: true });
    freedPages += r.freedPages;
    fullVacuum ||= r.fullVacuum;
    if (r.state !== 'more') return { done: r.state === 'done', freedPages, fullVacuum };
  }
}

/** A full VACUUM now, the WAL folded in before and after: it holds the write lock throughout (seconds on a big history). */
export function fullVacuum(db: Db): void {
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.exec('VACUUM');
  db.pragma('wal_checkpoint(TRUNCATE)');
}
