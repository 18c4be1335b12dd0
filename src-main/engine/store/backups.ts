// Automatic backups of the database, beside it in `<db>.backups/`: one a
// day (the newest BACKUP_KEEP_DAILY kept) and one before each schema
// migration (the newest BACKUP_KEEP_PRE_MIGRATION kept). Each is a
// `VACUUM INTO` copy: consistent while others write, and compact (a logical
// copy: no free page or unused cell space of the file goes into it). A
// delete takes them all out of use at once, and every copy still being
// written (retireBackups; unlinked right after), so a deleted call does not
// live on in a backup; a fresh copy is written after the file itself has
// been scrubbed (calls-store.ts, worker/upkeep.ts). Restoring and moving a
// damaged file aside never remove a file: the damaged one stays under a
// new name.
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { CandorError } from '../../contract/errors';
import type { Db } from './db';
import { deletedLogProblem } from './wal-check';

export const BACKUP_EVERY_MS = 24 * 60 * 60 * 1000;
export const BACKUP_KEEP_DAILY = 3;
export const BACKUP_KEEP_PRE_MIGRATION = 2;

export type BackupKind = 'daily' | 'pre-migration';

export interface BackupInfo {
  path: string;
  kind: BackupKind;
  takenAt: string; // ISO 8601
  bytes: number;
}

export function backupFolder(dbPath: string): string {
  return `${dbPath}.backups`;
}

/** 2026-12-02T03:04:05.678Z -> 20261202T030405678Z, and back. */
function stamp(d: Date): string {
  return d.toISOString().replace(/[-:.]/g, '');
}

function unstamp(s: string): string | null {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z$/.exec(s);
  return m ? `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.${m[7]}Z` : null;
}

const NAME = /^(daily|pre-migration)-v\d+-(\d{8}T\d{9}Z)\.db$/;

/** The backups of a database, newest first. */
export function listBackups(dbPath: string): BackupInfo[] {
  const dir = backupFolder(dbPath);
  if (!existsSync(dir)) return [];
  const out: BackupInfo[] = [];
  for (const name of readdirSync(dir)) {
    const m = NAME.exec(name);
    const takenAt = m && unstamp(m[2]);
    if (!m || !takenAt) continue;
    out.push({ path: join(dir, name), kind: m[1] as BackupKind, takenAt, bytes: statSync(join(dir, name)).size });
  }
  return out.sort((a, b) => b.takenAt.localeCompare(a.takenAt));
}

/** A copy being written, or its rollback journal. */
const PART = /\.part-(\d+)(-journal)?$/;

function processGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** Half-written copies left by a process killed during its VACUUM INTO: they may hold calls deleted since. */
function removeStaleParts(dbPath: string): void {
  const dir = backupFolder(dbPath);
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)) {
    const m = PART.exec(name);
    if (m && (Number(m[1]) === process.pid || processGone(Number(m[1])))) rmSync(join(dir, name), { force: true });
  }
}

/** Where a backup goes: its final name and the name it is written under until it is complete. */
export interface BackupTarget {
  kind: BackupKind;
  final: string;
  tmp: string;
}

/** Names a new backup of the open database (and clears away copies left half-written by dead processes). */
export function backupTarget(db: Db, dbPath: string, kind: BackupKind, now = new Date()): BackupTarget {
  const dir = backupFolder(dbPath);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  removeStaleParts(dbPath);
  const version = db.pragma('user_version', { simple: true }) as number;
  const final = join(dir, `${kind}-v${version}-${stamp(now)}.db`);
  const tmp = `${final}.part-${process.pid}`;
  rmSync(tmp, { force: true });
  return { kind, final, tmp };
}

/**
 * Gives a complete copy its backup name and drops the oldest beyond the kept
 * number. A copy that a delete removed while it was written (removeBackups)
 * is gone: the rename fails and nothing is placed.
 */
export function placeBackup(dbPath: string, t: BackupTarget): string {
  renameSync(t.tmp, t.final); // a half-written copy never carries a backup's name
  const keep = t.kind === 'daily' ? BACKUP_KEEP_DAILY : BACKUP_KEEP_PRE_MIGRATION;
  for (const old of listBackups(dbPath).filter((b) => b.kind === t.kind).slice(keep)) rmSync(old.path, { force: true });
  return t.final;
}

/** Writes a backup of the open database and drops the oldest beyond the kept number; returns its path. */
export function writeBackup(db: Db, dbPath: string, kind: BackupKind, now = new Date()): string {
  const t = backupTarget(db, dbPath, kind, now);
  try {
    db.prepare('VACUUM INTO ?').run(t.tmp);
    return placeBackup(dbPath, t);
  } finally {
    rmSync(t.tmp, { force: true });
  }
}

/** The newest daily backup is older than a day, or there is none. */
export function backupDue(dbPath: string, now = new Date()): boolean {
  const newest = listBackups(dbPath).find((b) => b.kind === 'daily');
  return !newest || now.getTime() - Date.parse(newest.takenAt) >= BACKUP_EVERY_MS;
}

/** A daily backup when the newest one is older than a day (or there is none). Returns its path, or null. */
export function backupIfDue(db: Db, dbPath: string, now = new Date()): string | null {
  return backupDue(dbPath, now) ? writeBackup(db, dbPath, 'daily', now) : null;
}

/** A backup or copy a delete took out of use, still to be unlinked. */
const RETIRED = /\.removed-\d+$/;

/**
 * After a delete: every backup, and every copy being written by any process
 * (its snapshot may predate the delete), is taken out of use at once by a
 * rename (a backup is never restored or listed again; the writer of a copy
 * finds it gone and places nothing, placeBackup). Unlinking them takes a
 * while for big files (0.7 s for 1.7 GB), so it is left to removeRetired,
 * which the store's thread runs off its request path. Returns how many
 * complete backups there were.
 */
export function retireBackups(dbPath: string): number {
  const dir = backupFolder(dbPath);
  if (!existsSync(dir)) return 0;
  const backups = listBackups(dbPath);
  const names = [...backups.map((b) => basename(b.path)), ...readdirSync(dir).filter((n) => PART.test(n))];
  for (const name of names) {
    try {
      renameSync(join(dir, name), join(dir, `${name}.removed-${process.pid}`));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }
  return backups.length;
}

/** The retired files of any process (all are garbage), unlinked; `sync: false` on libuv's threads. */
export function removeRetired(dbPath: string, opts: { sync: false }): Promise<void>;
export function removeRetired(dbPath: string, opts?: { sync: true }): void;
export function removeRetired(dbPath: string, opts: { sync: boolean } = { sync: true }): Promise<void> | void {
  const dir = backupFolder(dbPath);
  const names = existsSync(dir) ? readdirSync(dir).filter((n) => RETIRED.test(n)) : [];
  if (opts.sync) {
    for (const n of names) rmSync(join(dir, n), { force: true });
    return;
  }
  return Promise.all(names.map((n) => rm(join(dir, n), { force: true }))).then(() => undefined);
}

/** Retires every backup and copy being written (retireBackups) and unlinks them now. */
export function removeBackups(dbPath: string): number {
  const n = retireBackups(dbPath);
  removeRetired(dbPath);
  return n;
}

/** Renames the database and its -wal/-shm to `<db>.damaged-<stamp>`; returns the new name of the main file. */
export function moveAside(dbPath: string, now = new Date()): string {
  // The writer that still holds a deleted log would write it back into the file moved aside.
  const held = deletedLogProblem(dbPath);
  if (held) throw held;
  const aside = `${dbPath}.damaged-${stamp(now)}`;
  if (!existsSync(dbPath) && !existsSync(`${dbPath}-wal`)) {
    throw new CandorError('FILE_NOT_FOUND', `there is no database at ${dbPath} to move aside`, 'Nothing to do: Candor starts a new database on the next save.');
  }
  try {
    for (const suffix of ['-wal', '-shm']) if (existsSync(dbPath + suffix)) renameSync(dbPath + suffix, aside + suffix);
    if (existsSync(dbPath)) renameSync(dbPath, aside);
  } catch (err) {
    throw new CandorError('PERMISSION_DENIED', `cannot move ${dbPath} aside: ${(err as Error).message}`,
      `Move it by hand (for example \`mv ${basename(dbPath)} ${basename(aside)}\`) and start Candor again.`, { cause: err });
  }
  return aside;
}

/** Moves the damaged database aside and puts a copy of `backup` in its place. */
export function restoreBackup(dbPath: string, backup: string, now = new Date()): { movedTo: string | null } {
  const movedTo = existsSync(dbPath) || existsSync(`${dbPath}-wal`) ? moveAside(dbPath, now) : null;
  const tmp = `${dbPath}.restoring-${process.pid}`;
  copyFileSync(backup, tmp);
  renameSync(tmp, dbPath);
  return { movedTo };
}
