// Opens the SQLite file: WAL, foreign keys, migrations on user_version, and
// clear errors for a file that is not a database, is damaged (header, length,
// b-tree), is locked, or comes from a newer Candor. Opening never modifies a
// file it cannot use. A writable open also keeps the automatic backups
// (backups.ts): one before a migration, one a day.
//
// SQLite reads through read(), never a memory map (mmap_size stays 0): with
// a map, an I/O error or a file another process shortened becomes a SIGBUS
// that kills the whole engine, a live call included, where read() gives an
// error the store reports. A map would save little: a JSON export of 10,000
// calls took 8.0-8.5 s against 8.7-9.4 s (sys 0.9 s against 1.4-1.6 s of
// ~17 s CPU; measured 2026-12-03, issue 13).
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, accessSync, constants, readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { CandorError } from '../../contract/errors';
import { backupIfDue, writeBackup } from './backups';
import { compactionPending } from './compaction';
import { assertSound, damagedDatabase, hasWal, headerProblem, QUICK_CHECK_MAX_BYTES } from './integrity';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations';
import { deletedLogProblem } from './wal-check';
import { writeTransaction } from './write-transaction';

export type Db = Database.Database;

export interface OpenOptions {
  readonly?: boolean;
  /** ms to wait for another writer; default 5000 */
  busyTimeoutMs?: number;
  /** Files up to this size get a b-tree check at open; default QUICK_CHECK_MAX_BYTES. */
  checkMaxBytes?: number;
  /** Keep the automatic backups (default true for a file opened for writing). */
  backups?: boolean;
  /**
   * Write the daily backup during the open when it is due (default true).
   * The store's thread passes false and has it written by a process of its own
   * after the open (worker/upkeep.ts): a copy of a big history takes seconds.
   */
  dailyBackupAtOpen?: boolean;
}

function sqliteCode(err: unknown): string {
  return (err as { code?: string }).code ?? '';
}

export function mapSqliteError(err: unknown, path: string): CandorError {
  if (err instanceof CandorError) return err;
  const code = sqliteCode(err);
  const msg = (err as Error).message;
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new CandorError('DB_LOCKED', `the database ${path} is locked by another program`,
      'Close the other Candor window or command that uses it and try again, or pass --db to use another file.', { cause: err });
  }
  if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) {
    return new CandorError('DB_UNREADABLE', `the database ${path} is not a Candor database or is damaged (${msg})`,
      'Candor did not change it. `candor doctor` checks it and can restore the automatic backup (--restore) or move the file aside ' +
        'so that Candor starts a new one (--move-aside); --db or CANDOR_DB picks another file.', { cause: err });
  }
  if (code.startsWith('SQLITE_IOERR')) {
    return new CandorError('DB_UNREADABLE', `reading or writing the database ${path} failed (${code}: ${msg})`,
      'The disk or the file system reported an error. Check the disk, then run `candor doctor` to check the database; everything committed before is kept.',
      { cause: err });
  }
  if (code.startsWith('SQLITE_READONLY')) {
    return new CandorError('PERMISSION_DENIED', `the database ${path} is read-only (${msg})`,
      'Listing, showing, searching and exporting work on a read-only file; to save or delete, make the file and its folder writable.', { cause: err });
  }
  if (code === 'SQLITE_FULL') {
    return new CandorError('DISK_FULL', `the disk that holds ${path} is full`,
      'Free some space; everything saved before this point is kept.', { cause: err });
  }
  if (code.startsWith('SQLITE_CANTOPEN') || code === 'SQLITE_PERM') {
    return new CandorError('DB_UNREADABLE', `cannot open the database ${path} (${msg})`,
      'Check that the file and its folder exist and that you may read and write them, or pass --db to use another file.', { cause: err });
  }
  return new CandorError('INTERNAL', `database error on ${path}: ${msg}`, undefined, { cause: err });
}

function assertKnownSchema(db: Db, path: string): number {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > SCHEMA_VERSION) {
    throw new CandorError('DB_NEWER_SCHEMA',
      `the database ${path} was written by a newer Candor (schema ${version}; this version knows up to ${SCHEMA_VERSION})`,
      'Update Candor to open it. The file was not changed; --db or CANDOR_DB picks another file.');
  }
  return version;
}

function migrate(db: Db, path: string, backups: boolean): void {
  const version = assertKnownSchema(db, path);
  if (version > 0 && version < SCHEMA_VERSION && backups) writeBackup(db, path, 'pre-migration');
  for (const m of MIGRATIONS) {
    if (m.version <= version) continue;
    writeTransaction(db, () => {
      db.exec(m.sql);
      m.after?.(db);
      db.pragma(`user_version = ${m.version}`);
    });
  }
}

export function openDatabase(path: string, opts: OpenOptions = {}): Db {
  if (path !== ':memory:') {
    const dir = dirname(path);
    if (opts.readonly && !existsSync(path)) {
      throw new CandorError('DB_NOT_FOUND', `no Candor database at ${path}`,
        'Analyse or record a call first (candor analyze --save / candor record), or pass --db to use another file.');
    }
    // Before SQLite sees it: a log deleted under a running writer would read as damage, and a new log beside it split the file.
    const deletedLog = deletedLogProblem(path);
    if (deletedLog) throw deletedLog;
    // Before SQLite sees it: SQLite would take a 0-byte file for a new, empty database.
    const problem = existsSync(path) && !isFolder(path) ? headerProblem(path) : null;
    if (problem) throw damagedDatabase(path, problem);
    try {
      mkdirSync(dir, { recursive: true });
      if (existsSync(path)) accessSync(path, opts.readonly ? constants.R_OK : constants.R_OK | constants.W_OK);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new CandorError(code === 'EACCES' || code === 'EPERM' ? 'PERMISSION_DENIED' : 'DB_UNREADABLE',
        `cannot use the database ${path}: ${(err as Error).message}`,
        'Check the permissions of the file and its folder, or pass --db / set CANDOR_DB to use another file.', { cause: err });
    }
  }
  let db: Db | undefined;
  try {
    const timeout = opts.busyTimeoutMs ?? 5000;
    if (opts.readonly) db = openReadOnly(path, timeout);
    else {
      db = new Database(path, { timeout });
      // Reading the header is what tells a non-database apart; do it before any write.
      db.pragma('schema_version');
    }
    // Checked before the first write (switching to WAL rewrites the header).
    assertKnownSchema(db, path);
    assertSound(db, path, opts.checkMaxBytes ?? QUICK_CHECK_MAX_BYTES);
    if (!opts.readonly) {
      // A new file reclaims the pages of deleted calls in small steps (compaction.ts); this must come before any table.
      if (db.pragma('page_count', { simple: true }) === 0) db.pragma('auto_vacuum = INCREMENTAL');
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      // Deleted cells are overwritten with zeros where that costs no extra write; free pages go by compaction.
      db.pragma('secure_delete = FAST');
    }
    db.pragma('foreign_keys = ON');
    const backups = !opts.readonly && path !== ':memory:' && opts.backups !== false;
    if (!opts.readonly) migrate(db, path, backups);
    // Not while a delete is unfinished: its scrub removes every backup, then writes a fresh one (calls-store.ts).
    if (backups && opts.dailyBackupAtOpen !== false && !compactionPending(db) && db.prepare('SELECT EXISTS (SELECT 1 FROM calls)').pluck().get() === 1) {
      try {
        backupIfDue(db, path);
      } catch {
        // A missing daily copy must not stop the user's work; `candor doctor` shows how old the newest one is.
      }
    }
    return db;
  } catch (err) {
    db?.close();
    throw mapSqliteError(err, path);
  }
}

/**
 * Read-only. SQLite reads a WAL-mode file only where it can create the -shm
 * index beside it; in a folder the user may not write, a file with nothing
 * pending in its log is read from a private in-memory copy instead (marked as
 * a rollback-journal file, which is what it is once its log is empty).
 */
function openReadOnly(path: string, timeout: number): Db {
  const db = new Database(path, { readonly: true, timeout });
  try {
    db.pragma('schema_version');
    return db;
  } catch (err) {
    db.close();
    const code = sqliteCode(err);
    if (path === ':memory:' || !(code === 'SQLITE_READONLY_DIRECTORY' || code.startsWith('SQLITE_CANTOPEN'))) throw err;
    if (hasWal(path)) {
      throw new CandorError('PERMISSION_DENIED', `the database ${path} has changes in its write-ahead log (${path}-wal) that can only be read with write access to its folder`,
        'Let the Candor that writes it finish (or open it once with write access), then try again.', { cause: err });
    }
    const bytes = readFileSync(path);
    bytes[18] = 1; // file format: rollback journal, read
    bytes[19] = 1; // and write versions
    const copy = new Database(bytes, { readonly: true });
    copy.pragma('schema_version');
    return copy;
  }
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
