// Automatic backups of the database, beside it in `<db>.backups/`: one a
// day (the newest BACKUP_KEEP_DAILY kept) and one before each schema
// migration (the newest BACKUP_KEEP_PRE_MIGRATION kept). Each is a
// `VACUUM INTO` copy: consistent while others write, and compact. A delete
// replaces them all with one fresh copy, so deleted calls do not live on in
// a backup. Restoring and moving a damaged file aside never remove a file:
// the damaged one stays under a new name.
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
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

/** Writes a backup of the open database and drops the oldest beyond the kept number; returns its path. */
export function writeBackup(db: Db, dbPath: string, kind: BackupKind, now = new Date()): string {
  const dir = backupFolder(dbPath);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  removeStaleParts(dbPath);
  const version = db.pragma('user_version', { simple: true }) as number;
  const final = join(dir, `${kind}-v${version}-${stamp(now)}.db`);
  const tmp = `${final}.part-${process.pid}`;
  rmSync(tmp, { force: true });
  try {
    db.prepare('VACUUM INTO ?').run(tmp);
    renameSync(tmp, final); // a half-written copy never carries a backup's name
  } finally {
    rmSync(tmp, { force: true });
  }
  const keep = kind === 'daily' ? BACKUP_KEEP_DAILY : BACKUP_KEEP_PRE_MIGRATION;
  for (const old of listBackups(dbPath).filter((b) => b.kind === kind).slice(keep)) rmSync(old.path, { force: true });
  return final;
}

/** A daily backup when the newest one is older than a day (or there is none). Returns its path, or null. */
export function backupIfDue(db: Db, dbPath: string, now = new Date()): string | null {
  const newest = listBackups(dbPath).find((b) => b.kind === 'daily');
  if (newest && now.getTime() - Date.parse(newest.takenAt) < BACKUP_EVERY_MS) return null;
  return writeBackup(db, dbPath, 'daily', now);
}

/** After a delete: the old backups still hold the deleted calls, so one fresh copy replaces them. */
export function replaceBackups(db: Db, dbPath: string): void {
  removeStaleParts(dbPath); // also when there is no backup to replace
  const old = listBackups(dbPath);
  if (!old.length) return;
  writeBackup(db, dbPath, 'daily');
  const fresh = listBackups(dbPath)[0]?.path;
  for (const b of old) if (b.path !== fresh) rmSync(b.path, { force: true });
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
