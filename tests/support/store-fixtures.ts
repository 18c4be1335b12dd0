// Calls to store in tests, and databases of an earlier schema built by the
// earlier migrations themselves, with rows written the way that version's
// code wrote them.
import Database from 'better-sqlite3';
import type { Utterance } from '../../src-main/contract/calls';
import type { AnalysisReport } from '../../src-main/contract/report';
import type { SegmentRecord } from '../../src-main/engine/store/calls-store';
import { analyzeTranscript } from '../../src-main/engine/language/analyze-transcript';
import { MIGRATIONS } from '../../src-main/engine/store/migrations';

export const UTTERANCES: Utterance[] = [
  { side: 'me', speaker: 'Dana', start: 0, end: 4, text: 'Thanks for joining, shall we start with the budget?' },
  { side: 'them', speaker: 'Karim T. (matkt)', start: 4.5, end: 9, text: 'Sure, the budget is approved for March' },
  { side: 'them', speaker: 'Ana Lopez', start: 9.5, end: 14, text: 'And legal needs two more weeks to review the contract' },
  { side: 'me', speaker: 'Dana', start: 14.5, end: 17, text: 'Understood. Who signs on your side?' },
  { side: 'them', speaker: 'Karim T. (matkt)', start: 17.5, end: 21, text: 'I do, once legal is done' },
];

export interface StoredCall {
  report: AnalysisReport;
  segments: SegmentRecord[];
  utterances: Utterance[];
}

/** A transcript-only call with three participants, as `analyze --transcript --save` stores it. */
export function transcriptCall(utterances: Utterance[] = UTTERANCES): StoredCall {
  const report = analyzeTranscript({ file: 'call.vtt', utterances });
  const segments = (['me', 'them'] as const).flatMap((side) =>
    report.segments[side].map(([start, end]) => ({ side, start, end, syllables: 0 })));
  return { report, segments, utterances };
}

/** A database at `version`, made by running the migrations up to it, as that Candor left it. */
export function createDatabaseAt(path: string, version: number): Database.Database {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  for (const m of MIGRATIONS.filter((x) => x.version <= version)) {
    db.exec(m.sql);
    m.after?.(db);
    db.pragma(`user_version = ${m.version}`);
  }
  return db;
}

/**
 * Saves a complete call the way the schema-2 store did: report_json is the
 * whole report but its segments (so it still carries participants and
 * utterances), and the utterances also have their rows.
 */
export function saveAtV2(db: Database.Database, call: StoredCall, title: string, opts: { utteranceRows?: boolean } = {}): number {
  const now = new Date().toISOString();
  const id = Number(db.prepare(`INSERT INTO calls (started_at, ended_at, duration_sec, source, file, title, status, checkpoint_sec, created_at, updated_at)
    VALUES (?, ?, ?, 'file', 'call.vtt', ?, 'complete', ?, ?, ?)`).run(now, now, call.report.durationSec, title, call.report.durationSec, now, now).lastInsertRowid);
  for (const s of call.segments) {
    db.prepare('INSERT INTO segments (call_id, side, start_sec, end_sec, syllables, open) VALUES (?, ?, ?, ?, ?, 0)').run(id, s.side, s.start, s.end, s.syllables);
  }
  if (opts.utteranceRows !== false) {
    for (const u of call.utterances) {
      db.prepare('INSERT INTO utterances (call_id, side, speaker, start_sec, end_sec, text, words_json, source) VALUES (?, ?, ?, ?, ?, ?, NULL, ?)')
        .run(id, u.side, u.speaker ?? null, u.start, u.end, u.text, 'import');
    }
  }
  db.prepare('INSERT INTO call_fts(rowid, title, notes, transcript) VALUES (?, ?, ?, ?)')
    .run(id, title, '', opts.utteranceRows !== false ? call.utterances.map((u) => u.text).join('\n') : '');
  const m = call.report.metrics;
  db.prepare(`INSERT INTO metrics (call_id, talk_share, talk_me_sec, talk_them_sec, longest_me_sec, longest_them_sec, patience_mean_sec,
    patience_median_sec, patience_count, interruptions_me, interruptions_them, silence_share, pace_wpm, pace_method, questions_me, report_json)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
    .run(id, m.talkShare, m.talkSec.me, m.talkSec.them, m.longestMonologueSec.me, m.longestMonologueSec.them, m.patienceSec.mean,
      m.patienceSec.median, m.patienceSec.count, m.interruptions.me, m.interruptions.them, m.silenceShare, m.pace.wpm, m.pace.method,
      (m.questions as { me?: number } | undefined)?.me ?? null, JSON.stringify({ ...call.report, segments: undefined }));
  return id;
}

/**
 * Copies the rows of `table` from the attached database `s` (a store of the
 * current schema) into an older file: the columns the older table has.
 */
export function copyOlderTable(db: Database.Database, table: string): void {
  const cols = (db.prepare(`SELECT name FROM pragma_table_info('${table}')`).pluck().all() as string[]).map((c) => `"${c}"`).join(', ');
  db.exec(`INSERT INTO ${table} (${cols}) SELECT ${cols} FROM s.${table}`);
}

/** Copies the search rows from the attached current store `s` into an older file, where a call's row has the call's id as rowid. */
export const COPY_OLDER_CALL_FTS = 'INSERT INTO call_fts(rowid, title, notes, transcript) SELECT rowid >> 32, title, notes, transcript FROM s.call_fts';
