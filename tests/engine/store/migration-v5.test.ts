// Schema 5: the language figures trends use become columns of metrics. A
// version-4 file, made by the version-4 migrations and filled with the rows
// the store writes, is migrated: its trends are what the reports say (the
// same as reading the file before the upgrade, read-only), a damaged report
// does not stop the upgrade, and calls saved afterwards get the columns too.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import test from 'node:test';
import Database from 'better-sqlite3';
import { CallStore } from '../../../src-main/engine/store/calls-store';
import { SCHEMA_VERSION } from '../../../src-main/engine/store/migrations';
import { reportFromSegments } from '../../../src-main/engine/store/recovery';
import { weeklyTrends } from '../../../src-main/engine/store/trends';
import { COPY_OLDER_CALL_FTS, copyOlderTable, createDatabaseAt, transcriptCall, UTTERANCES } from '../../support/store-fixtures';
import { tempDir } from '../../support/tmp';

const dir = tempDir();
const NOW = new Date(2026, 2, 26, 12);
const day = (d: number): Date => new Date(2026, 2, d, 10);
const LANGUAGE_COLUMNS = 'call_id, has_language, fillers_per_min, questions_lang, engaging, sentiment, engagement';

const V4_METRICS = `call_id, talk_share, talk_me_sec, talk_them_sec, longest_me_sec, longest_them_sec, patience_mean_sec,
  patience_median_sec, patience_count, interruptions_me, interruptions_them, silence_share, pace_wpm, pace_method, questions_me, report_json`;

/** Calls saved by the current store, copied into a file of schema 4 (the other tables did not change in 5). */
function v4History(path: string): { src: string; damagedId: number } {
  const src = `${path}.src.db`;
  const s = new CallStore(src);
  const a = transcriptCall();
  const b = transcriptCall(UTTERANCES.slice(0, 3));
  s.saveComplete({ source: 'file', title: 'A', startedAt: day(9) }, a.report, a.segments, a.utterances);
  s.saveComplete({ source: 'file', title: 'B', startedAt: day(10) }, b.report, b.segments, b.utterances);
  s.saveComplete({ source: 'file', title: 'C', startedAt: day(17) }, a.report, a.segments, a.utterances);
  const audio = [{ side: 'me' as const, start: 0, end: 30, syllables: 90 }, { side: 'them' as const, start: 31, end: 60, syllables: 0 }];
  s.saveComplete({ source: 'live', title: 'audio only', startedAt: day(11) }, reportFromSegments('live', audio, 60), audio);
  const damagedId = s.saveComplete({ source: 'file', title: 'damaged', startedAt: day(2) }, a.report, a.segments, a.utterances);
  s.close();
  const db = createDatabaseAt(path, 4);
  db.exec(`ATTACH '${src}' AS s`);
  copyOlderTable(db, 'calls');
  db.exec(`
    UPDATE calls SET utterances_indexed = 0;
    INSERT INTO segments SELECT * FROM s.segments;
    INSERT INTO metrics (${V4_METRICS}) SELECT ${V4_METRICS} FROM s.metrics;
    INSERT INTO utterances SELECT * FROM s.utterances;
    INSERT INTO participants SELECT * FROM s.participants;
    ${COPY_OLDER_CALL_FTS};`);
  db.prepare('UPDATE metrics SET report_json = ? WHERE call_id = ?').run('{"metrics": {"fill', damagedId);
  db.exec('DETACH s');
  db.close();
  return { src, damagedId };
}

function languageColumns(path: string, except: number): unknown[] {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare(`SELECT ${LANGUAGE_COLUMNS} FROM metrics WHERE call_id != ? ORDER BY call_id`).all(except);
  } finally {
    db.close();
  }
}

test('a schema-4 history gets its language figures as columns; trends read the same as before the upgrade', () => {
  const path = join(dir, 'v4.db');
  const { src, damagedId } = v4History(path);

  // Before the upgrade, read-only (not migrated): the figures come from the reports.
  const old = new CallStore(path, { readonly: true });
  const before = weeklyTrends(old.db, { weeks: 3, now: NOW });
  old.close();

  const s = new CallStore(path);
  try {
    assert.equal(s.db.pragma('user_version', { simple: true }), SCHEMA_VERSION);
    const after = weeklyTrends(s.db, { weeks: 4, now: NOW });
    assert.deepEqual(after.filter((w) => w.week !== '2026-03-02'), before);
    assert.equal(after.length, 3);
    assert.equal(after[1].languageCalls, 2);
    assert.ok(after[1].fillersPerMinute !== null && after[1].sentiment !== null, 'language figures from the columns');
    const damagedWeek = after.find((w) => w.week === '2026-03-02')!;
    assert.deepEqual([damagedWeek.calls, damagedWeek.languageCalls], [1, 0], 'a damaged report counts as a call without language figures');
  } finally {
    s.close();
  }
  // The migration copied what the store writes for a new call.
  assert.deepEqual(languageColumns(path, damagedId), languageColumns(src, damagedId));
  const written = languageColumns(src, 0) as { has_language: number }[];
  assert.deepEqual(written.map((r) => r.has_language), [1, 1, 1, 0, 1]);
});
