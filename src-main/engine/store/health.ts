// The full check `candor doctor` runs on a database, read-only: header and
// length, SQLite's integrity_check, the JSON the store wrote, the schema
// version, and the automatic backups. It ends in what to do: restore the
// newest sound backup, or move the damaged file aside and start fresh.
import { existsSync } from 'node:fs';
import { CandorError } from '../../contract/errors';
import { listBackups, restoreBackup, type BackupInfo } from './backups';
import { openDatabase, type Db } from './db';
import { headerProblem, structuralProblems } from './integrity';
import { SCHEMA_VERSION } from './migrations';
import { callDamage, PART_NAMES } from './seal';

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
  /** Calls whose own data is damaged while the file around them is sound. */
  damagedCalls: number[];
  backups: BackupHealth[];
  /** What the user can do, most useful first. */
  advice: string[];
}

const MAX_PROBLEMS = 10;

interface CallProblem {
  callId: number;
  text: string;
}

function storedDataProblems(db: Db): CallProblem[] {
  const hasDigests = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'call_digests'").get() !== undefined;
  const mismatched: { id: number; part: string }[] = [];
  if (hasDigests) {
    for (const id of db.prepare("SELECT id FROM calls WHERE status != 'recording' ORDER BY id").pluck().all() as number[]) {
      let damage: ReturnType<typeof callDamage>;
      try {
        damage = callDamage(db, id);
      } catch (err) {
        // Word timings that no longer parse are named below; a damaged page ends the check (the caller reports it).
        if ((err as { code?: string }).code === 'SQLITE_ERROR' && /JSON/i.test((err as Error).message)) continue;
        throw err;
      }
      if (damage) mismatched.push({ id, part: PART_NAMES[damage] });
    }
  }
  const reports = db.prepare('SELECT call_id FROM metrics WHERE NOT json_valid(report_json) ORDER BY call_id').pluck().all() as number[];
  const words = db.prepare('SELECT DISTINCT call_id FROM utterances WHERE words_json IS NOT NULL AND NOT json_valid(words_json) ORDER BY call_id')
    .pluck().all() as number[];
  const named = new Set([...reports, ...words]);
  return [
    ...reports.map((callId) => ({ callId, text: `the stored report of call ${callId} is damaged (not valid JSON)` })),
    ...words.map((callId) => ({ callId, text: `the stored word timings of call ${callId} are damaged (not valid JSON)` })),
    ...mismatched.filter((m) => !named.has(m.id))
      .map(({ id: callId, part }) => ({ callId, text: `the stored data of call ${callId} is damaged (it no longer matches the checksum written with it: ${part})` })),
  ];
}

/** Opens a file read-only and lists what is wrong with it; [] when it is sound. */
interface Inspection {
  status: DatabaseStatus;
  problems: string[];
  /** What the error that refused the open said to do, when it said. */
  hint?: string;
  damagedCalls: number[];
  schema?: number;
  calls?: number;
}

function inspect(path: string): Inspection {
  const header = headerProblem(path);
  if (header) return { status: 'damaged', problems: [header], damagedCalls: [] };
  let db: Db;
  try {
    db = openDatabase(path, { readonly: true, checkMaxBytes: -1, busyTimeoutMs: 2000 });
  } catch (err) {
    const e = err instanceof CandorError ? err : new CandorError('INTERNAL', String(err));
    const status: DatabaseStatus = e.code === 'DB_NEWER_SCHEMA' ? 'newer' : e.code === 'DB_LOCKED' ? 'locked'
      : e.code === 'DB_UNREADABLE' ? 'damaged' : 'unreadable';
    return { status, problems: [e.message], damagedCalls: [], hint: e.hint };
  }
  try {
    const schema = db.pragma('user_version', { simple: true }) as number;
    const structural = structuralProblems(db, 'integrity_check', MAX_PROBLEMS);
    if (structural.length) return { status: 'damaged', problems: structural, damagedCalls: [], schema };
    const perCall = storedDataProblems(db);
    const calls = db.prepare('SELECT count(*) FROM calls').pluck().get() as number;
    return { status: perCall.length ? 'damaged' : 'ok', problems: perCall.slice(0, MAX_PROBLEMS).map((p) => p.text),
      damagedCalls: [...new Set(perCall.map((p) => p.callId))], schema, calls };
  } catch (err) {
    return { status: 'damaged', problems: [(err as Error).message], damagedCalls: [] };
  } finally {
    db.close();
  }
}

export function checkDatabase(path: string): DatabaseHealth {
  const backups = listBackups(path).map((b) => ({ ...b, sound: inspect(b.path).status === 'ok' }));
  if (!existsSync(path)) {
    return { path, exists: false, status: 'missing', problems: [], damagedCalls: [], backups,
      advice: backups.some((b) => b.sound) ? ['There is no database but there are backups: `candor doctor --restore` puts the newest sound one in place.'] : [] };
  }
  const r = inspect(path);
  const advice: string[] = [];
  const good = backups.find((b) => b.sound);
  if (r.status === 'damaged') {
    const calls = r.damagedCalls;
    if (calls.length) {
      advice.push(`Only call${calls.length > 1 ? 's' : ''} ${calls.join(', ')} ${calls.length > 1 ? 'are' : 'is'} damaged; the others are sound. ` +
        `Delete ${calls.length > 1 ? 'them' : 'it'} (\`candor history delete ${calls[0]}\`${calls.length > 1 ? ' and so on' : ''}) to keep everything else as it is.`);
    }
    if (good) advice.push(`Restore the automatic backup taken ${good.takenAt}: \`candor doctor --restore\` (the damaged file is kept beside it).`);
    else advice.push('There is no sound automatic backup to restore.');
    advice.push('Or move the damaged file aside and start fresh: `candor doctor --move-aside` (nothing is deleted; it is renamed).');
  } else if (r.status === 'newer') {
    advice.push('Update Candor; the file is fine and was not changed.');
  } else if (r.status === 'locked') {
    advice.push(r.hint ?? 'Another Candor holds it; run doctor again when it is done.');
  } else if (r.status === 'unreadable') {
    advice.push('Check the permissions of the file and its folder.');
  } else if (r.schema !== undefined && r.schema < SCHEMA_VERSION) {
    advice.push(`It is at schema ${r.schema}; the next Candor command that writes upgrades it to ${SCHEMA_VERSION} after a backup.`);
  }
  return { path, exists: true, status: r.status, schema: r.schema, calls: r.calls, problems: r.problems, damagedCalls: r.damagedCalls, backups, advice };
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
