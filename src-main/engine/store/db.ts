// Opens the SQLite file: WAL, foreign keys, migrations on user_version, and
// clear errors for a file that is not a database, is locked, or comes from
// a newer Candor. Opening never modifies a file it cannot use.
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, accessSync, constants } from 'node:fs';
import { dirname } from 'node:path';
import { CandorError } from '../../contract/errors';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations';

export type Db = Database.Database;

export interface OpenOptions {
  readonly?: boolean;
  /** ms to wait for another writer; default 5000 */
  busyTimeoutMs?: number;
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
      'Candor did not change it. Restore it from a backup, or move it aside and Candor will start a new one; --db or CANDOR_DB picks another file.', { cause: err });
  }
  if (code === 'SQLITE_FULL') {
    return new CandorError('DISK_FULL', `the disk that holds ${path} is full`,
      'Free some space; everything saved before this point is kept.', { cause: err });
  }
  if (code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_READONLY') || code === 'SQLITE_PERM' || code.startsWith('SQLITE_IOERR')) {
    return new CandorError('DB_UNREADABLE', `cannot open the database ${path} (${msg})`,
      'Check that the file and its folder exist and that you may read and write them, or pass --db to use another file.', { cause: err });
  }
  return new CandorError('INTERNAL', `database error on ${path}: ${msg}`, undefined, { cause: err });
}

function migrate(db: Db, path: string): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > SCHEMA_VERSION) {
    throw new CandorError('DB_NEWER_SCHEMA',
      `the database ${path} was written by a newer Candor (schema ${version}; this version knows up to ${SCHEMA_VERSION})`,
      'Update Candor to open it. The file was not changed; --db or CANDOR_DB picks another file.');
  }
  for (const m of MIGRATIONS) {
    if (m.version <= version) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
}

export function openDatabase(path: string, opts: OpenOptions = {}): Db {
  if (path !== ':memory:') {
    const dir = dirname(path);
    if (opts.readonly && !existsSync(path)) {
      throw new CandorError('DB_NOT_FOUND', `no Candor database at ${path}`,
        'Analyse or record a call first (candor analyze --save / candor record), or pass --db to use another file.');
    }
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
    db = new Database(path, { readonly: opts.readonly ?? false, timeout: opts.busyTimeoutMs ?? 5000 });
    // Reading the header is what tells a non-database apart; do it before any write.
    db.pragma('schema_version');
    if (!opts.readonly) {
      // A new file reclaims the pages of deleted calls in small steps (compaction.ts); this must come before any table.
      if (db.pragma('page_count', { simple: true }) === 0) db.pragma('auto_vacuum = INCREMENTAL');
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      // Deleted cells are overwritten with zeros where that costs no extra write; free pages go by compaction.
      db.pragma('secure_delete = FAST');
    }
    db.pragma('foreign_keys = ON');
    if (!opts.readonly) migrate(db, path);
    else if ((db.pragma('user_version', { simple: true }) as number) > SCHEMA_VERSION) migrate(db, path);
    return db;
  } catch (err) {
    db?.close();
    throw mapSqliteError(err, path);
  }
}
