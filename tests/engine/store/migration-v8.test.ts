// Schema 8: trends read call_trends, one row per finished call with the
// figures they average, kept by triggers (trend-rows.ts). A version-7 file,
// made by the version-7 migrations and filled with the rows the store writes
// plus rows no report gives (a call still recording, one without metrics, an
// infinity, a call of no length, one dated in the future), is migrated: its
// trends are the ones the schema-7 query gives on the same file read-only,
// the indexes only that query used are gone, and from then on the triggers
// keep every row what its call and metrics give, through saves, live calls,
// edits and deletes.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import test from 'node:test';
import type { Utterance } from '../../../src-main/contract/calls';
import { CallStore } from '../../../src-main/engine/store/calls-store';
import { reportFromSegments } from '../../../src-main/engine/store/recovery';
import { trendRowsSelect } from '../../../src-main/engine/store/trend-rows';
import { weeklyTrends } from '../../../src-main/engine/store/trends';
import { copyOlderTable, createDatabaseAt, transcriptCall, UTTERANCES } from '../../support/store-fixtures';
import { tempDir } from '../../support/tmp';

const dir = tempDir();
const NOW = new Date(2026, 2, 26, 12); // a Thursday
const day = (d: number, h = 10): Date => new Date(2026, 2, d, h);
const AUDIO = [{ side: 'me' as const, start: 0, end: 30, syllables: 90 }, { side: 'them' as const, start: 31, end: 60, syllables: 0 }];
const MORE: Utterance[] = [...UTTERANCES, { side: 'me', speaker: 'Dana', start: 22, end: 25, text: 'What would help you decide by Friday?' }];

interface Ids {
  recording: number;
  bare: number;
  infinite: number;
  noLength: number;
  future: number;
}

/** Calls saved by the current store over four weeks, copied into a file of schema 7, and rows written by hand. */
function v7History(path: string): Ids {
  const src = `${path}.src.db`;
  const s = new CallStore(src);
  const a = transcriptCall();
  const b = transcriptCall(UTTERANCES.slice(0, 3));
  const c = transcriptCall(MORE);
  const dates = [day(2), day(3), day(9), day(10), day(10, 15), day(11), day(16), day(17), day(23), day(24)];
  dates.forEach((startedAt, i) => {
    const call = [a, b, c][i % 3];
    if (i % 4 === 3) s.saveComplete({ source: 'live', title: `audio ${i}`, startedAt }, reportFromSegments('live', AUDIO, 60 + i), AUDIO);
    else s.saveComplete({ source: 'file', title: `call ${i}`, startedAt }, call.report, call.segments, call.utterances);
  });
  const future = s.saveComplete({ source: 'file', title: 'dated ahead', startedAt: new Date(2026, 3, 7, 9) }, c.report, c.segments, c.utterances);
  const infinite = s.saveComplete({ source: 'file', title: 'infinite', startedAt: day(17, 16) }, a.report, a.segments, a.utterances);
  const noLength = s.saveComplete({ source: 'file', title: 'no length', startedAt: day(9, 16) }, c.report, c.segments, c.utterances);
  const recording = s.begin({ source: 'live', title: 'recording', startedAt: day(24, 16) });
  s.close();

  const db = createDatabaseAt(path, 7);
  db.exec(`ATTACH '${src}' AS s`);
  for (const t of ['calls', 'segments', 'metrics', 'utterances', 'participants', 'call_seals']) copyOlderTable(db, t);
  db.exec(`
    UPDATE calls SET utterances_indexed = 0;
    INSERT INTO call_fts(rowid, title, notes, transcript) SELECT rowid, title, notes, transcript FROM s.call_fts;
    UPDATE call_fts_rowids SET last = (SELECT last FROM s.call_fts_rowids);
    DETACH s;`);
  // Rows the version-7 store never wrote, but a file may hold (edited, or from a bug): each must read the same after.
  db.prepare('UPDATE metrics SET talk_share = 1e999, pace_wpm = -1e999, sentiment = 1e999 WHERE call_id = ?').run(infinite);
  db.prepare('UPDATE calls SET duration_sec = 0 WHERE id = ?').run(noLength);
  db.prepare(`INSERT INTO metrics (call_id, talk_share, pace_wpm, report_json, has_language, sentiment)
    VALUES (?, 0.9, 200, '{}', 1, 0.9)`).run(recording);
  const now = NOW.toISOString();
  const bare = Number(db.prepare(`INSERT INTO calls (started_at, duration_sec, source, title, status, created_at, updated_at)
    VALUES (?, 60, 'live', 'recovered without metrics', 'recovered', ?, ?)`).run(day(16, 16).toISOString(), now, now).lastInsertRowid);
  db.close();
  return { recording, bare, infinite, noLength, future };
}

/** call_trends against the rows its definition gives from calls and metrics now; the number of rows. */
function assertFresh(s: CallStore, what: string): number {
  const stored = s.db.prepare('SELECT * FROM call_trends ORDER BY call_id').all();
  assert.deepEqual(stored, s.db.prepare(`${trendRowsSelect()} ORDER BY c.id`).all(), what);
  return stored.length;
}

function indexes(s: CallStore): string[] {
  return s.db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE '%trends%' ORDER BY name").pluck().all() as string[];
}

test('a schema-7 history migrates to call_trends; trends read the same as the schema-7 query on the same file', () => {
  const path = join(dir, 'v7.db');
  const ids = v7History(path);

  // Before the upgrade, read-only (not migrated): the schema-7 query over its two covering indexes (call_trends is not there).
  const old = new CallStore(path, { readonly: true });
  assert.equal(old.db.pragma('user_version', { simple: true }), 7);
  const before = weeklyTrends(old.db, { weeks: 5, now: NOW });
  old.close();

  const s = new CallStore(path);
  try {
    assert.equal(s.db.pragma('user_version', { simple: true }), 8);
    assert.deepEqual(indexes(s), ['call_trends_week'], 'the indexes only the schema-7 query read are gone');
    assert.equal(assertFresh(s, 'the migration filled every finished call'), 14);
    assert.equal(s.db.prepare('SELECT count(*) FROM call_trends WHERE call_id = ?').pluck().get(ids.recording), 0);
    const after = weeklyTrends(s.db, { weeks: 5, now: NOW });
    assert.deepEqual(after, before);

    // The data gives each case something to get wrong.
    assert.deepEqual(after.map((w) => [w.week, w.calls]),
      [['2026-03-02', 2], ['2026-03-09', 5], ['2026-03-16', 4], ['2026-03-23', 2], ['2026-04-06', 1]], 'the future call counts in its week');
    assert.ok(after[1].questionsPer10Min !== null && after[1].languageCalls === 4, 'a call of no length counts, but not in the rates');
    const withInfinite = after[2];
    assert.ok(withInfinite.talkShare !== null && Number.isFinite(withInfinite.talkShare) && withInfinite.sentiment !== null);
    assert.equal(withInfinite.calls, 4, 'the recovered call without metrics counts');
    assert.ok(after[3].sentiment !== 0.9, 'the recording call is left out');
  } finally {
    s.close();
  }
});

test('after the upgrade the triggers keep call_trends what calls and metrics give', () => {
  const path = join(dir, 'v7-triggers.db');
  const ids = v7History(path);
  const s = new CallStore(path);
  try {
    let rows = assertFresh(s, 'migrated');
    const t = transcriptCall(MORE);
    const saved = s.saveComplete({ source: 'file', title: 'new', startedAt: day(25) }, t.report, t.segments, t.utterances);
    assert.equal(assertFresh(s, 'a file analysis saved'), ++rows);
    s.update(saved, { notes: 'notes edited', title: 'renamed' });
    assertFresh(s, 'notes and title edited');

    const live = s.begin({ source: 'live', title: 'live' });
    s.checkpoint(live, AUDIO.slice(0, 1), AUDIO.slice(1), 40);
    assert.equal(assertFresh(s, 'a live call recording'), rows);
    s.finish(live, reportFromSegments('live', AUDIO, 60), AUDIO);
    assert.equal(assertFresh(s, 'a live call finished'), ++rows);

    // Each figure a row is made from, changed alone (a trigger fires on the columns it names).
    for (const col of ['talk_share', 'pace_wpm', 'longest_me_sec', 'patience_mean_sec', 'questions_me', 'fillers_per_min', 'questions_lang',
      'engaging', 'sentiment', 'engagement', 'has_language']) {
      const before = s.db.prepare('SELECT * FROM call_trends WHERE call_id = ?').get(saved);
      s.db.prepare(`UPDATE metrics SET ${col} = ${col === 'has_language' ? '1 - has_language' : `coalesce(${col}, 0) + 1`} WHERE call_id = ?`).run(saved);
      assert.notDeepEqual(s.db.prepare('SELECT * FROM call_trends WHERE call_id = ?').get(saved), before, `${col} changed the row`);
      assertFresh(s, `metrics.${col} updated`);
    }
    s.finish(live, reportFromSegments('live', AUDIO.slice(0, 1), 45), AUDIO.slice(0, 1), 'recovered');
    assertFresh(s, 'metrics replaced (INSERT OR REPLACE) and the length changed');

    s.db.prepare("UPDATE calls SET status = 'recording' WHERE id = ?").run(saved);
    assert.equal(assertFresh(s, 'back to recording'), --rows);
    s.db.prepare("UPDATE calls SET status = 'complete', started_at = ? WHERE id = ?").run(day(30).toISOString(), saved);
    assert.equal(assertFresh(s, 'finished again, on another day'), ++rows);
    s.db.prepare("UPDATE calls SET status = 'complete' WHERE id = ?").run(ids.recording);
    assert.equal(assertFresh(s, 'the call recording at the upgrade finished (its metrics row was there before)'), ++rows);

    assert.equal(s.delete([saved, ids.infinite]), 2);
    assert.equal(assertFresh(s, 'two calls deleted'), rows - 2);
    assert.equal(s.db.prepare('SELECT count(*) FROM call_trends WHERE call_id IN (?, ?)').pluck().get(saved, ids.infinite), 0);
    assert.deepEqual(weeklyTrends(s.db, { weeks: 6, now: NOW }).map((w) => w.calls).reduce((x, y) => x + y, 0), rows - 2);

    s.delete('all');
    assert.equal(assertFresh(s, 'everything deleted'), 0);
    const again = s.saveComplete({ source: 'file', title: 'after' }, t.report, t.segments, t.utterances);
    assert.equal(assertFresh(s, 'a call saved after'), 1);
    assert.equal(s.db.prepare('SELECT call_id FROM call_trends').pluck().get(), again);
  } finally {
    s.close();
  }
});
