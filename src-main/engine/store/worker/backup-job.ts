// Starting a backup copy in a process of its own (backup-process.ts) and
// hearing how it ended. The job is the process's one argument, as JSON; the
// reply is the last line it prints, as JSON. With `final`, the process gives
// the finished copy its backup name itself (the CLI's copy, left to run after
// the command has returned, detached); without, the caller places it
// (upkeep.ts, which may throw it away).
import type { ChildProcess } from 'node:child_process';
import { spawnNode } from '../../runtime/spawn-node';
import { workerModuleUrl } from '../../runtime/spawn-worker';

export interface BackupJob {
  path: string;
  /** Where the copy is written until it is complete. */
  tmp: string;
  busyTimeoutMs: number;
  /** Place the copy under this daily backup name when it is complete. */
  final?: string;
}

export type BackupReply = { ok: true } | { ok: false; message: string; code?: string };

export interface RunningCopy {
  child: ChildProcess;
  /** How it ended; never rejects. */
  done: Promise<BackupReply>;
}

/** Last characters of the process's stderr kept for the message of a copy that ended without a reply. */
const STDERR_TAIL = 500;

function parseReply(stdout: string): BackupReply | null {
  try {
    const r = JSON.parse(stdout.trim().split('\n').pop() ?? '') as BackupReply;
    return typeof r === 'object' && r !== null && typeof r.ok === 'boolean' ? r : null;
  } catch {
    return null;
  }
}

const entry = (name = 'backup-process'): URL => workerModuleUrl(name, import.meta.url);

/**
 * A job in a process of its own (backup-process.ts, rewrite-process.ts): the
 * job as its one argument, its reply the last line it prints. The caller
 * waits for `done` and may kill the process (`child.kill('SIGKILL')`).
 */
export function startJobProcess(name: 'backup-process' | 'rewrite-process', job: object): RunningCopy {
  const child = spawnNode(entry(name), [JSON.stringify(job)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout?.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr?.setEncoding('utf8').on('data', (d: string) => (err = (err + d).slice(-STDERR_TAIL)));
  const done = new Promise<BackupReply>((resolve) => {
    child.once('error', (e) => resolve({ ok: false, message: `the ${name.replace("-", " ")} did not start: ${e.message}` }));
    child.once('close', (code, signal) => resolve(parseReply(out) ??
      { ok: false, message: `the ${name.replace("-", " ")} ended (${signal ?? `code ${code}`})${err.trim() ? `: ${err.trim()}` : ''}` }));
  });
  return { child, done };
}

/** A copy the caller waits for (and may kill: `child.kill('SIGKILL')`, then remove job.tmp). */
export function startBackupCopy(job: BackupJob): RunningCopy {
  return startJobProcess('backup-process', job);
}

/** A copy that places itself and outlives the caller (the CLI returns at once; the copy takes seconds on a big history). */
export function startDetachedBackupCopy(job: BackupJob & { final: string }): void {
  const child = spawnNode(entry(), [JSON.stringify(job)], { stdio: 'ignore', detached: true });
  child.on('error', () => undefined); // not started: the next open writes the daily backup
  child.unref();
}
