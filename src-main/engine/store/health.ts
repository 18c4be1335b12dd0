// The full check `candor doctor` runs on a database, read-only: header and
// length, SQLite's integrity_check, the JSON the store wrote, the schema
// version, and the automatic backups. It ends in what to do: restore the
// newest sound backup, or move the damaged file aside and start fresh.
import { existsSync } from 'node:fs';
import { CandorError } from '../../contract/errors';
import { listBackups, restoreBackup, type BackupInfo } from './backups';
import { openDatabase, type Db } from './db';
import { digestMismatch } from './digest';
import { headerProblem, structuralProblems } from './integrity';
import { SCHEMA_VERSION } from './migrations';

export type DatabaseStatus = 'ok' | 'missing' | 'damaged' | 'unreadable' | 'newer' | 'locked';

export interface BackupHealth extends BackupInfo {
  sound: boolean;
}

export interface DatabaseHealth {
  path: string;
  exists: boolean;
  status: DatabaseStatus;
  schema?: number;
  calls?: number;
  problems: string[];
  backups: BackupHealth[];
  /** What the user can do, most useful first. */
  advice: string[];
}

const MAX_PROBLEMS = 10;

function storedDataProblems(db: Db): string[] {
  const hasDigests = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'call_digests'").get() !== undefined;
  const mismatched = hasDigests
    ? (db.prepare("SELECT id FROM calls WHERE status != 'recording' ORDER BY id").pluck().all() as number[]).filter((id) => digestMismatch(db, id))
    : [];
  const reports = db.prepare('SELECT call_id FROM metrics WHERE NOT json_valid(report_json) ORDER BY call_id').pluck().all() as number[];
  const words = db.prepare('SELECT DISTINCT call_id FROM utterances WHERE words_json IS NOT NULL AND NOT json_valid(words_json) ORDER BY call_id')
    .pluck().all() as number[];
  const named = new Set([...reports, ...words]);
  return [
    ...reports.map((id) => `the stored report of call ${id} is damaged (not valid JSON)`),
    ...words.map((id) => `the stored word timings of call ${id} are damaged (not valid JSON)`),
    ...mismatched.filter((id) => !named.has(id)).map((id) => `the stored data of call ${id} is damaged (it no longer matches the checksum written with it)`),
  ];
}

/** Opens a file read-only and lists what is wrong with it; [] when it is sound. */
function inspect(path: string): { status: DatabaseStatus; problems: string[]; schema?: number; calls?: number } {
  const header = headerProblem(path);
  if (header) return { status: 'damaged', problems: [header] };
  let db: Db;
  try {
    db = openDatabase(path, { readonly: true, checkMaxBytes: -1, busyTimeoutMs: 2000 });
  } catch (err) {
    const e = err instanceof CandorError ? err : new CandorError('INTERNAL', String(err));
    const status: DatabaseStatus = e.code === 'DB_NEWER_SCHEMA' ? 'newer' : e.code === 'DB_LOCKED' ? 'locked'
      : e.code === 'DB_UNREADABLE' ? 'damaged' : 'unreadable';
    return { status, problems: [e.message] };
  }
  try {
    const schema = db.pragma('user_version', { simple: true }) as number;
    const problems = structuralProblems(db, 'integrity_check', MAX_PROBLEMS);
    let calls: number | undefined;
    if (!problems.length) {
      problems.push(...storedDataProblems(db));
      calls = db.prepare('SELECT count(*) FROM calls').pluck().get() as number;
    }
    return { status: problems.length ? 'damaged' : 'ok', problems: problems.slice(0, MAX_PROBLEMS), schema, calls };
  } catch (err) {
    return { status: 'damaged', problems: [(err as Error).message] };
  } finally {
    db.close();
  }
}

function damagedCallIds(problems: string[]): number[] {
  return problems.map((p) => /of call (\d+) (is|are) damaged/.exec(p)).filter((m) => m !== null).map((m) => Number(m![1]));
}

export function checkDatabase(path: string): DatabaseHealth {
  const backups = listBackups(path).map((b) => ({ ...b, sound: inspect(b.path).status === 'ok' }));
  if (!existsSync(path)) {
    return { path, exists: false, status: 'missing', problems: [], backups,
      advice: backups.some((b) => b.sound) ? ['There is no database but there are backups: `candor doctor --restore` puts the newest sound one in place.'] : [] };
  }
  const r = inspect(path);
  const advice: string[] = [];
  const good = backups.find((b) => b.sound);
  if (r.status === 'damaged') {
    const calls = damagedCallIds(r.problems);
    if (calls.length === r.problems.length) {
      advice.push(`Only the listed call(s) are damaged: delete them with \`candor history delete ${calls[0]}\`${calls.length > 1 ? ' (and so on)' : ''}, or restore a backup.`);
    }
    if (good) advice.push(`Restore the automatic backup taken ${good.takenAt}: \`candor doctor --restore\` (the damaged file is kept beside it).`);
    else advice.push('There is no sound automatic backup to restore.');
    advice.push('Or move the damaged file aside and start fresh: `candor doctor --move-aside` (nothing is deleted; it is renamed).');
  } else if (r.status === 'newer') {
    advice.push('Update Candor; the file is fine and was not changed.');
  } else if (r.status === 'locked') {
    advice.push('Another Candor holds it; run doctor again when it is done.');
  } else if (r.status === 'unreadable') {
    advice.push('Check the permissions of the file and its folder.');
  } else if (r.schema !== undefined && r.schema < SCHEMA_VERSION) {
    advice.push(`It is at schema ${r.schema}; the next Candor command that writes upgrades it to ${SCHEMA_VERSION} after a backup.`);
  }
  return { path, exists: true, status: r.status, schema: r.schema, calls: r.calls, problems: r.problems, backups, advice };
}

/** Puts the newest sound backup in place of the database, keeping the old file aside. */
export function restoreNewestBackup(path: string): { restored: BackupHealth; movedTo: string | null } {
  const good = checkDatabase(path).backups.find((b) => b.sound);
  if (!good) {
    throw new CandorError('FILE_NOT_FOUND', `there is no sound automatic backup of ${path}`,
      'Move the damaged file aside with `candor doctor --move-aside` and Candor will start a new database.');
  }
  return { restored: good, ...restoreBackup(path, good.path) };
}
