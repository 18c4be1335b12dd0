// A write-ahead log deleted while a Candor process writes the database
// (issue 14). The writer keeps the deleted log open and goes on using it;
// when it ends normally it copies the log back into the file, and nothing is
// lost. Any other program that opens the database in the meantime finds the
// index (-shm) naming frames that the log on disk does not have: SQLite then
// reads short pages and reports the file as damaged, and creating a new log
// beside the one still in use splits the database in two. So before SQLite
// opens it, the index is read: if it names more frames than the log on disk
// holds, and a process still has the index open, the open is refused with
// what to do. With no process left (Linux tells; elsewhere the writer's
// normal end removes the index), SQLite rebuilds the index from the log it
// finds and what was only in the deleted log is gone.
import { closeSync, existsSync, openSync, readdirSync, readlinkSync, readSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { CandorError } from '../../contract/errors';

const WAL_HEADER_BYTES = 32;
const FRAME_HEADER_BYTES = 24;
/** Two copies of the 48-byte index header, then the checkpoint info whose first field is nBackfill. */
const INDEX_BYTES = 100;

interface LogIndex {
  pageSize: number;
  /** Frames committed to the log. */
  frames: number;
  /** Of those, frames already copied into the database file. */
  backfilled: number;
}

/** The header of the -shm index, or null when there is none or it is being changed (its two copies differ). */
function readIndex(shm: string): LogIndex | null {
  let fd: number;
  try {
    fd = openSync(shm, 'r');
  } catch {
    return null;
  }
  try {
    const b = Buffer.alloc(INDEX_BYTES);
    if (readSync(fd, b, 0, INDEX_BYTES, 0) < INDEX_BYTES) return null;
    if (!b.subarray(0, 48).equals(b.subarray(48, 96)) || b[12] !== 1) return null; // not initialised or mid-update
    const le = new Uint16Array(new Uint8Array([1, 0]).buffer)[0] === 1;
    const u16 = (o: number): number => (le ? b.readUInt16LE(o) : b.readUInt16BE(o));
    const u32 = (o: number): number => (le ? b.readUInt32LE(o) : b.readUInt32BE(o));
    const size = u16(14);
    return { pageSize: size === 1 ? 65536 : size, frames: u32(16), backfilled: u32(96) };
  } finally {
    closeSync(fd);
  }
}

/** Whether process `pid` ('self' for this one) has `file` (resolved) open, through /proc/<pid>/fd; throws when its fds cannot be read. */
function hasOpen(pid: string, target: string): boolean {
  return readdirSync(`/proc/${pid}/fd`).some((fd) => {
    try {
      return readlinkSync(`/proc/${pid}/fd/${fd}`) === target;
    } catch {
      return false; // closed meanwhile
    }
  });
}

/** Whether this process has `file` open (Linux); true when that cannot be told, so the index is left alone. */
function holdsOpen(file: string): boolean {
  try {
    return hasOpen('self', resolve(file));
  } catch {
    return true;
  }
}

/** Other processes that have `file` open (Linux, through /proc); null where that cannot be told. */
function processesHolding(file: string): number[] | null {
  if (process.platform !== 'linux' || !existsSync('/proc/self/fd')) return null;
  const target = resolve(file);
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (hasOpen(entry, target)) pids.push(Number(entry));
    } catch {
      // gone, or another user's
    }
  }
  return pids;
}

function logBytes(path: string): number {
  try {
    return statSync(`${path}-wal`).size;
  } catch {
    return 0;
  }
}

/** The refusal to open a database whose log was deleted under a running writer; null when there is nothing to refuse. */
export function deletedLogProblem(path: string): CandorError | null {
  if (path === ':memory:') return null;
  // Reading the index means opening and closing it, and closing any descriptor of a file drops every
  // POSIX lock this process holds on it, SQLite's locks on the index included. So the check runs only
  // where /proc tells that no connection of this process has the index open (its first open of the
  // file); elsewhere, and for a further connection, it is skipped. Found by the e2e flow where the
  // app's history thread stopped seeing calls saved by `candor analyze --save` from another process.
  if (process.platform !== 'linux' || holdsOpen(`${path}-shm`)) return null;
  const index = readIndex(`${path}-shm`);
  if (!index || index.frames === 0) return null;
  const needed = WAL_HEADER_BYTES + index.frames * (index.pageSize + FRAME_HEADER_BYTES);
  if (logBytes(path) >= needed) return null;
  const holders = processesHolding(`${path}-shm`);
  if (holders !== null && holders.length === 0) return null; // nobody writes it any more: SQLite rebuilds the index
  const pending = Math.max(0, index.frames - index.backfilled);
  return new CandorError('DB_LOCKED',
    `the write-ahead log of the database ${path} (${path}-wal) was deleted while ${holders?.length ? `another program (pid ${holders.join(', ')})` : 'another Candor'} ` +
      `was writing the database${pending ? ` (${pending} page(s) of recent changes are only in that log)` : ''}`,
    'Nothing is lost yet: the Candor that writes it (`candor record` or the app) still holds the log. Stop it normally (Ctrl-C where ' +
      '`candor record` runs, or Stop in the app) and it writes everything back into the database; then try again. Do not restore or move ' +
      'the database aside before that. If no Candor is running any more, what was only in the log is lost: `candor doctor` checks the rest.');
}
