// The trend row of a call (trend-rows.ts): each figure as it counts toward a
// weekly average, written by the triggers whatever path writes the call, and
// only when something it is made from changes.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import test from 'node:test';
import { CallStore, type SegmentRecord } from '../../../src-main/engine/store/calls-store';
import { reportFromSegments } from '../../../src-main/engine/store/recovery';
import { trendRowsSelect } from '../../../src-main/engine/store/trend-rows';
import { transcriptCall } from '../../support/store-fixtures';
import { tempDir } from '../../support/tmp';

const dir = tempDir();
const AUDIO: SegmentRecord[] = [{ side: 'me', start: 0, end: 30, syllables: 90 }, { side: 'them', start: 31, end: 60, syllables: 0 }];

interface TrendRow {
  call_id: number;
  started_at: string;
  talk_share: number | null;
  pace_wpm: number | null;
  questions_me: number | null;
  has_language: number;
  fillers_per_min: number | null;
  questions_per_10: number | null;
  engaging_per_10: number | null;
  sentiment: number | null;
  engagement: number | null;
}

function row(s: CallStore, id: number): TrendRow | undefined {
  return s.db.prepare('SELECT * FROM call_trends WHERE call_id = ?').get(id) as TrendRow | undefined;
}

test('a finished call has a row with each figure as it counts: language ones only from a transcript, per 10 minutes, no infinities', () => {
  const s = new CallStore(join(dir, 'rows.db'));
  try {
    const t = transcriptCall();
    const lang = s.saveComplete({ source: 'file', title: 'transcript', startedAt: new Date(2026, 2, 10, 9) }, t.report, t.segments, t.utterances);
    const m = t.report.metrics;
    const r = row(s, lang)!;
    assert.equal(r.started_at, new Date(2026, 2, 10, 9).toISOString());
    assert.equal(r.talk_share, m.talkShare);
    assert.equal(r.has_language, 1);
    assert.equal(r.fillers_per_min, m.fillers!.perMinute);
    assert.equal(r.questions_per_10, (m.questions!.me / t.report.durationSec) * 600);
    assert.ok(m.questions!.me > 0, 'a non-zero count, so the division is checked');
    assert.equal(r.engaging_per_10, (m.engagingQuestions! / t.report.durationSec) * 600);
    assert.equal(r.sentiment, m.sentiment!.call);
    assert.equal(r.engagement, m.engagement!.call);
    assert.equal(s.db.prepare('SELECT typeof(questions_me) FROM call_trends WHERE call_id = ?').pluck().get(lang), 'integer',
      'a count stays an integer, as in metrics, so that avg sums the same values');

    const audio = s.saveComplete({ source: 'live', title: 'audio only' }, reportFromSegments('live', AUDIO, 60), AUDIO);
    const a = row(s, audio)!;
    assert.ok(a.talk_share !== null && a.pace_wpm !== null);
    assert.deepEqual([a.has_language, a.fillers_per_min, a.questions_per_10, a.engaging_per_10, a.sentiment, a.engagement], [0, null, null, null, null, null]);

    // Values no report holds, written by hand: they count as the averages count them (trends.ts `mean`).
    s.db.prepare('UPDATE metrics SET talk_share = 1e999, pace_wpm = -1e999 WHERE call_id = ?').run(audio);
    assert.deepEqual([row(s, audio)!.talk_share, row(s, audio)!.pace_wpm], [null, null], 'an infinity counts toward no average');
    s.db.prepare('UPDATE calls SET duration_sec = 0 WHERE id = ?').run(lang);
    const zero = row(s, lang)!;
    assert.deepEqual([zero.questions_per_10, zero.engaging_per_10], [null, null], 'a call of no length has no rate');
    assert.equal(zero.fillers_per_min, m.fillers!.perMinute);

    // A call written without a metrics row (by hand) still counts as a call, with no figures.
    const now = new Date().toISOString();
    const bare = Number(s.db.prepare(`INSERT INTO calls (started_at, source, title, status, created_at, updated_at)
      VALUES (?, 'file', 'bare', 'complete', ?, ?)`).run(now, now, now).lastInsertRowid);
    const b = row(s, bare)!;
    assert.deepEqual([b.talk_share, b.has_language, b.sentiment], [null, 0, null]);

    const live = s.begin({ source: 'live', title: 'still recording' });
    s.checkpoint(live, AUDIO, [], 60);
    assert.equal(row(s, live), undefined, 'a call still recording has no row');
    assert.deepEqual(s.db.prepare('SELECT * FROM call_trends ORDER BY call_id').all(), s.db.prepare(`${trendRowsSelect()} ORDER BY c.id`).all());
  } finally {
    s.close();
  }
});

test('only what a row is made from writes it: not a checkpoint, a title, notes, the audio file or the backlog', () => {
  const s = new CallStore(join(dir, 'writes.db'));
  try {
    // Every write to call_trends, counted by triggers of this connection only (TEMP).
    s.db.exec(`
      CREATE TEMP TABLE writes (n INTEGER NOT NULL);
      INSERT INTO writes VALUES (0);
      CREATE TEMP TRIGGER count_insert AFTER INSERT ON main.call_trends BEGIN UPDATE writes SET n = n + 1; END;
      CREATE TEMP TRIGGER count_delete AFTER DELETE ON main.call_trends BEGIN UPDATE writes SET n = n + 1; END;
      CREATE TEMP TRIGGER count_update AFTER UPDATE ON main.call_trends BEGIN UPDATE writes SET n = n + 1; END;`);
    const writes = (fn: () => void): number => {
      const before = s.db.prepare('SELECT n FROM writes').pluck().get() as number;
      fn();
      return (s.db.prepare('SELECT n FROM writes').pluck().get() as number) - before;
    };
    const live = s.begin({ source: 'live', title: 'live' });
    assert.equal(writes(() => s.checkpoint(live, AUDIO.slice(0, 1), AUDIO.slice(1), 45)), 0, 'a checkpoint (one a second) writes no row');
    assert.ok(writes(() => s.finish(live, reportFromSegments('live', AUDIO, 60), AUDIO)) > 0);
    assert.ok(row(s, live));
    assert.equal(writes(() => s.update(live, { title: 'renamed', notes: 'some notes' })), 0);
    assert.equal(writes(() => s.setAudioFile(live, join(dir, 'a.wav'))), 0);
    // As a call stored before schema 4 is: the backlog writes its utterance index and sparkline.
    assert.equal(writes(() => s.db.prepare('UPDATE calls SET utterances_indexed = 0, sparkline_json = NULL WHERE id = ?').run(live)), 0);
    assert.equal(writes(() => assert.equal(s.workOffBacklog(10_000).calls, 1)), 0);
    assert.ok(writes(() => s.db.prepare('UPDATE metrics SET sentiment = 0.25 WHERE call_id = ?').run(live)) > 0, 'the test can see a write');
  } finally {
    s.close();
  }
});

test('deleting every call still empties each table wholesale: no DELETE trigger on a table that belongs to a call', () => {
  const s = new CallStore(join(dir, 'truncate.db'));
  try {
    // delete-calls.ts relies on SQLite's truncate optimisation (OP_Clear); a DELETE trigger would turn it into one delete per row.
    const owned = s.db.prepare(`SELECT DISTINCT m.name FROM sqlite_master m, pragma_foreign_key_list(m.name) f
      WHERE m.type = 'table' AND f."table" = 'calls'`).pluck().all() as string[];
    assert.ok(owned.includes('call_trends') && owned.includes('metrics'));
    s.db.pragma('foreign_keys = OFF');
    for (const t of [...owned, 'calls']) {
      const ops = (s.db.prepare(`EXPLAIN DELETE FROM "${t}"`).all() as { opcode: string }[]).map((o) => o.opcode);
      assert.ok(ops.includes('Clear'), `${t}: ${ops.join(' ')}`);
      assert.ok(!ops.includes('Delete') && !ops.includes('Program'), `${t} is deleted row by row: ${ops.join(' ')}`);
    }
  } finally {
    s.close();
  }
});
