// The work the store's thread does after answering: finishing the scrub of
// deleted calls and writing the backup a delete removed (or the daily one).
//
// A delete answers once its rows and search-index entries are gone, the
// scrub is recorded as pending (in the same transaction, so a kill resumes
// it at the next open) and every backup is removed (they hold the deleted
// calls: a user who deletes a call expects it gone from the backups at
// once; until the fresh copy is written there is no backup, which is the
// price of that). Then, between requests:
//
// 0. the backups the delete renamed out of use are unlinked on libuv's
//    threads (0.7 s for a 1.7 GB copy); the scrub waits for that, because
//    freeing a big file's blocks holds up the fsync of its WAL fold.
// 1. the scrub runs in steps of about SCRUB_STEP_MS (free pages handed back,
//    then the WAL folded in and the mark cleared; compaction.ts). Each step
//    is queued behind the requests that arrived meanwhile, so a list or a
//    search waits for one step at most. A step that finds a reader holding
//    the WAL (another process, or the backup copy) does not wait: it is
//    tried again BUSY_RETRY_MS later. After a big delete (delete --all), the
//    one VACUUM of the few pages left is quick, but the fold that cuts the
//    file down to them takes a second or more: it runs on a thread of its
//    own (fold-thread.ts), and the next step finishes the scrub.
// 1b. last, a full VACUUM rewrites every page in use (a cell SQLite moved
//    within its page earlier leaves an old copy in the unused space, which
//    the steps above never touch: compaction.ts). It holds the write lock
//    for seconds on a big history, so it runs in a process of its own
//    (rewrite-process.ts), only while no call is being recorded, and this
//    thread kills it before any request that may write (beforeRequest):
//    SQLite rolls it back and it runs again REWRITE_RETRY_MS later. Lists,
//    searches and exports read meanwhile (a WAL reader waits for no writer).
// 2. once nothing is pending, the fresh backup is written by a process of its
//    own (backup-process.ts), seconds for a big history, while this thread
//    keeps answering. A copy that started before another delete is thrown
//    away, never placed: its snapshot may hold that call. Another process's
//    delete removes the copy from the folder, so it cannot be placed either.
//    Closing the store kills the copy and removes its file at once (stop):
//    no backup is left, so the next open finds one due and writes it.
import { rmSync } from 'node:fs';
import { UPKEEP_ERROR_LENGTH, type HistoryUpkeep } from '../../../contract/history-upkeep';
import { backupDue, backupTarget, placeBackup, removeRetired, type BackupTarget } from '../backups';
import type { CallStore } from '../calls-store';
import { compactionPending, markSince } from '../compaction';
import { liveCallIds } from '../live-calls';
import { spawnWorker, workerModuleUrl } from '../../runtime/spawn-worker';
import { startBackupCopy, startJobProcess, type BackupReply, type RunningCopy } from './backup-job';
import type { FoldThreadData, FoldThreadReply } from './fold-thread';

/** Time a scrub step may take before it lets the next request in. */
export const SCRUB_STEP_MS = 15;
/** Pages per incremental-vacuum call inside a step: 1 MB, about 10 ms. */
export const SCRUB_STEP_PAGES = 256;
/** When a reader holds the WAL, the fold is tried again after this long. */
export const BUSY_RETRY_MS = 250;
/** After an unexpected failure (a full disk), the work is tried again after this long. */
export const FAILURE_RETRY_MS = 5_000;
/** The rewrite waits this long after a write stopped it, or while a call is being recorded. */
export const REWRITE_RETRY_MS = 2_000;

/** Requests that only read: they let a rewrite run on (any other request stops it first). */
const READ_ONLY_REQUESTS = new Set(['list', 'get', 'search', 'trends', 'countCalls', 'getSettings', 'upkeepState', 'liveCallIds',
  'exportToFile', 'interruptedCalls']);

/** What the window is told (contract/history-upkeep.ts: the shape is the contract's). */
export type UpkeepState = HistoryUpkeep;

export interface UpkeepOptions {
  /** This store keeps automatic backups (writable file, backups on). */
  backups: boolean;
  busyTimeoutMs: number;
  /** Told the state each time it changes (the first time right after the open). */
  onChange?: (state: UpkeepState) => void;
}

const byStore = new WeakMap<CallStore, Upkeep>();

/** The upkeep of a store served by this thread, if any. */
export function upkeepOf(store: CallStore): Upkeep | undefined {
  return byStore.get(store);
}

export class Upkeep {
  private scheduled = false;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private copying: { copy: RunningCopy; target: BackupTarget; deletions: number } | null = null;
  /** The daily backup is checked once after the open (the open itself does not write it: dailyBackupAtOpen). */
  private dailyToCheck = true;
  /** A copy failed: not tried again until the next delete. */
  private backupGaveUpAt = -1;
  private lastError: string | null = null;
  /** Backups a delete retired, being unlinked on libuv's threads (seconds for big files: not on the request path). */
  private unlinking: Promise<void> | null = null;
  private unlinkedAfter = 0;
  /** The long fold of a big delete is being run on its own thread (fold-thread.ts). */
  private folding = false;
  /** It ran to the end: the next step folds what little is left itself. */
  private foldedElsewhere = false;
  /** The state last reported to onChange, as JSON. */
  private reported = '';
  /** The full VACUUM of the scrub's last step, in its process, and the mark it is for. */
  private rewriting: { job: RunningCopy; since: string | null; stoppedForWrite: boolean } | null = null;
  /** The mark whose rewrite has been done: the next step clears it. */
  private rewrittenSince: string | null = null;

  /** `enqueue` runs a job on the thread's request queue, after the requests already waiting. */
  constructor(private readonly store: CallStore, private readonly enqueue: (job: () => void) => void, private readonly opts: UpkeepOptions) {
    byStore.set(store, this);
  }

  /** Called after the open and after every request: starts whatever is owed, and reports a change of state. */
  poke(): void {
    if (this.stopped) return;
    this.startOwed();
    this.report();
  }

  private startOwed(): void {
    this.unlinkRetired();
    // Not while the old backups are being unlinked: freeing a big file's blocks holds up the fsync of the WAL fold
    // (a one-call scrub step took 870 ms instead of about 60 at 10,000 calls); unlinkRetired pokes again when done.
    if (this.unlinking || this.scheduled || this.timer || this.folding || this.rewriting) return;
    if (this.scrubPending()) {
      this.schedule(0);
      return;
    }
    if (this.backupOwed()) this.startBackup();
  }

  state(): UpkeepState {
    const scrubPending = this.scrubPending();
    const backupRunning = this.copying !== null;
    const idle = !scrubPending && !backupRunning && !this.unlinking && !this.backupOwed();
    return { scrubPending, backupRunning, idle, lastError: this.lastError?.slice(0, UPKEEP_ERROR_LENGTH) ?? null };
  }

  /** Tells onChange the state when it differs from the one told last. */
  private report(): void {
    if (this.stopped || !this.opts.onChange || !this.store.db.open) return;
    const state = this.state();
    const json = JSON.stringify(state);
    if (json === this.reported) return;
    this.reported = json;
    this.opts.onChange(state);
  }

  /** After a delete, the backups it retired are unlinked off this thread; the scrub's end unlinks any left (compaction.ts beforeClear). */
  private unlinkRetired(): void {
    if (this.unlinking || this.unlinkedAfter === this.store.deletions) return;
    this.unlinkedAfter = this.store.deletions;
    this.unlinking = removeRetired(this.store.path, { sync: false })
      .catch((err: unknown) => {
        this.lastError = `removing old backups: ${(err as Error).message}`;
      })
      .finally(() => {
        this.unlinking = null;
        this.poke();
      });
  }

  /**
   * The store is closing: no new step or copy, and a copy being written is
   * killed and its file removed (resolves then: milliseconds, where letting
   * it finish took up to 10 s at 10,000 calls).
   */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    byStore.delete(this.store);
    if (this.rewriting) {
      this.rewriting.job.child.kill('SIGKILL');
      await this.rewriting.job.done;
    }
    const job = this.copying;
    if (!job) return;
    job.copy.child.kill('SIGKILL');
    await job.copy.done; // the file is closed (Windows cannot remove an open one)
    for (const f of [job.target.tmp, `${job.target.tmp}-journal`]) rmSync(f, { force: true });
  }

  private scrubPending(): boolean {
    return this.store.db.open && compactionPending(this.store.db);
  }

  private backupOwed(): boolean {
    if (!this.opts.backups || this.copying || this.backupGaveUpAt === this.store.deletions) return false;
    if (!this.store.backupsDropped && !this.dailyToCheck) return false;
    const hasCalls = this.store.db.prepare('SELECT EXISTS (SELECT 1 FROM calls)').pluck().get() === 1;
    if (!hasCalls) {
      this.dailyToCheck = false;
      return false;
    }
    if (this.store.backupsDropped || backupDue(this.store.path)) return true;
    this.dailyToCheck = false;
    return false;
  }

  /** Runs one step through the queue: at once (setImmediate, after the requests that came in), or after `ms`. */
  private schedule(ms: number): void {
    const run = (): void => {
      this.timer = null;
      this.enqueue(() => {
        this.scheduled = false;
        if (!this.stopped) this.step();
      });
    };
    this.scheduled = true;
    if (ms > 0) this.timer = setTimeout(run, ms);
    else setImmediate(run);
  }

  /** Before a request: one that may write stops the rewrite first (it would wait for the rewrite's lock). */
  beforeRequest(name: string): void {
    if (!this.rewriting || READ_ONLY_REQUESTS.has(name)) return;
    this.rewriting.stoppedForWrite = true;
    this.rewriting.job.child.kill('SIGKILL'); // the write waits (busy timeout) the few ms until the lock is let go
  }

  private step(): void {
    if (this.unlinking || this.rewriting) return; // poked again when the unlink or the rewrite ends
    let next: number | 'done';
    try {
      const r = this.store.compactStep(SCRUB_STEP_MS, SCRUB_STEP_PAGES,
        { foldElsewhere: !this.foldedElsewhere, rewriteElsewhere: true, rewritten: this.rewrittenSince });
      this.lastError = null;
      if (r.state === 'fold') {
        this.foldOnItsThread();
        this.report();
        return;
      }
      if (r.state === 'rewrite') {
        if (liveCallIds(this.store).length) this.schedule(REWRITE_RETRY_MS); // its lock would stall the call's checkpoints
        else this.startRewrite();
        this.report();
        return;
      }
      this.foldedElsewhere = false;
      next = r.state === 'more' ? 0 : r.state === 'busy' ? BUSY_RETRY_MS : 'done';
    } catch (err) {
      this.lastError = (err as Error).message;
      next = FAILURE_RETRY_MS;
    }
    if (next === 'done') this.poke();
    else {
      this.schedule(next);
      this.report();
    }
  }

  /** The scrub's full VACUUM in its own process; the next step clears the mark when it ran to the end. */
  private startRewrite(): void {
    const since = markSince(this.store.db);
    const job = startJobProcess('rewrite-process', { path: this.store.path, busyTimeoutMs: this.opts.busyTimeoutMs });
    const running = { job, since, stoppedForWrite: false };
    this.rewriting = running;
    void job.done.then((reply) => this.enqueue(() => {
      this.rewriting = null;
      if (this.stopped) return;
      if (reply.ok) {
        this.rewrittenSince = since;
        this.schedule(0);
      } else if (running.stoppedForWrite) this.schedule(REWRITE_RETRY_MS);
      else {
        this.lastError = `rewriting the file: ${reply.message}`;
        this.schedule(FAILURE_RETRY_MS);
      }
      this.report();
    }));
  }

  /** The fold of a big delete on a thread of its own; the scrub goes on when it ends (or again later, if a reader held it back). */
  private foldOnItsThread(): void {
    this.folding = true;
    const data: FoldThreadData = { path: this.store.path, busyTimeoutMs: this.opts.busyTimeoutMs };
    const worker = spawnWorker(workerModuleUrl('fold-thread', import.meta.url), { name: 'candor-fold', workerData: data });
    let settled = false;
    const end = (reply: FoldThreadReply): void => {
      if (settled) return;
      settled = true;
      this.folding = false;
      if (this.stopped) return;
      this.foldedElsewhere = reply.ok && reply.done;
      if (!reply.ok) this.lastError = `folding the log in: ${reply.message}`;
      this.schedule(this.foldedElsewhere ? 0 : reply.ok ? BUSY_RETRY_MS : FAILURE_RETRY_MS);
      this.report();
    };
    worker.once('message', (m: FoldThreadReply) => end(m));
    worker.once('error', (err) => end({ ok: false, message: err.message }));
    worker.once('exit', (code) => end({ ok: false, message: `the fold thread exited (code ${code})` }));
  }

  private startBackup(): void {
    let target: BackupTarget;
    try {
      target = backupTarget(this.store.db, this.store.path, 'daily');
    } catch (err) {
      this.giveUpBackup(err);
      return;
    }
    const copy = startBackupCopy({ path: this.store.path, tmp: target.tmp, busyTimeoutMs: this.opts.busyTimeoutMs });
    const job = { copy, target, deletions: this.store.deletions };
    this.copying = job;
    // Placed (or thrown away) on the request queue: never in the middle of a delete.
    void copy.done.then((reply) => this.enqueue(() => this.finishBackup(job, reply)));
  }

  private finishBackup(job: NonNullable<Upkeep['copying']>, reply: BackupReply): void {
    if (this.copying === job) this.copying = null;
    const wanted = !this.stopped && this.store.db.open && job.deletions === this.store.deletions && !compactionPending(this.store.db);
    if (!reply.ok || !wanted) {
      rmSync(job.target.tmp, { force: true });
      if (!reply.ok && !this.stopped) this.giveUpBackup(new Error(reply.message));
      this.poke(); // a delete in between owes a copy of its own
      return;
    }
    try {
      placeBackup(this.store.path, job.target);
      this.store.backupsDropped = false;
      this.dailyToCheck = false;
      this.lastError = null;
    } catch (err) {
      // Removed by another process's delete while it was written (or a failing disk): nothing is placed.
      rmSync(job.target.tmp, { force: true });
      this.giveUpBackup(err);
    }
    this.poke();
  }

  /** A copy that cannot be written is not retried in a loop; the next delete (or open) tries again. */
  private giveUpBackup(err: unknown): void {
    this.lastError = `backup: ${(err as Error).message}`;
    this.backupGaveUpAt = this.store.deletions;
    this.dailyToCheck = false;
  }
}
