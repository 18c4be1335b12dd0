// Upgrading a version-2 history to version 4: quick (SQL only), nothing
// lost, and calls stored before are searched and listed correctly both
// before the backlog reaches them and after.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import test from 'node:test';
import Database from 'better-sqlite3';
import { CallStore } from '../../../src-main/engine/store/calls-store';
import { MIGRATIONS, SCHEMA_VERSION } from '../../../src-main/engine/store/migrations';
import { talkShareSparkline } from '../../../src-main/engine/store/sparkline';
import { tempDir } from '../../support/tmp';
import { COPY_OLDER_CALL_FTS } from '../../support/store-fixtures';
import { FILLER, saveCallWith } from './support/history';

const dir = tempDir();

/** A version-2 file: the v4 store's rows copied into the v2 schema (v2 had no other difference for these tables). */
function v2History(path: string): void {
  const src = `${path}.src.db`;
  const s = new CallStore(src);
  saveCallWith(s, 'Alpha', [...FILLER, 'the walrus said hello']);
  saveCallWith(s, 'Beta', [...FILLER.slice(0, 2), 'no walrus here but a pelican', ...FILLER], { notes: 'notes about pelicans' });
  s.close();
  const db = new Database(path);
  for (const m of MIGRATIONS.filter((x) => x.version <= 2)) db.exec(m.sql);
  db.pragma('user_version = 2');
  db.exec(`ATTACH '${src}' AS s`);
  db.exec(`
    INSERT INTO calls SELECT id, started_at, ended_at, duration_sec, source, file, title, notes, status, owner_pid, heartbeat_at,
      checkpoint_sec, created_at, updated_at, audio_file FROM s.calls;
    INSERT INTO segments SELECT * FROM s.segments;
    INSERT INTO metrics SELECT call_id, talk_share, talk_me_sec, talk_them_sec, longest_me_sec, longest_them_sec, patience_mean_sec,
      patience_median_sec, patience_count, interruptions_me, interruptions_them, silence_share, pace_wpm, pace_method, questions_me,
      report_json FROM s.metrics;
    INSERT INTO utterances SELECT * FROM s.utterances;
    ${COPY_OLDER_CALL_FTS};`);
  db.exec('DETACH s');
  db.close();
}

test('a version-2 history opens at the current version; old calls are found before and after the backlog', () => {
  const path = join(dir, 'v2.db');
  v2History(path);
  const s = new CallStore(path);
  assert.equal(s.db.pragma('user_version', { simple: true }), SCHEMA_VERSION);
  assert.equal(s.db.prepare('SELECT count(*) FROM calls WHERE utterances_indexed = 0').pluck().get(), 2);
  const expected = s.list().map((c) => talkShareSparkline(s.segments(c.id), c.durationSec));
  const check = () => {
    assert.deepEqual(s.list().map((c) => c.sparkline), expected);
    const walrus = s.search('walrus');
    assert.deepEqual(walrus.map((c) => [c.title, c.match?.atSec, c.match?.snippet]),
      [['Beta', 8, 'no [walrus] here but a pelican'], ['Alpha', FILLER.length * 4, 'the [walrus] said hello']]);
    assert.deepEqual(s.search('pelican')[0].match, { field: 'notes', snippet: 'notes about [pelicans]' });
  };
  check();
  // Two calls brought up to date, then the same two sealed by parts (schema 6; their schema-3 digests matched).
  assert.deepEqual(s.workOffBacklog(10_000), { calls: 4, more: false, damaged: [] });
  assert.equal(s.db.prepare('SELECT count(*) FROM call_seals').pluck().get(), 2);
  assert.equal(s.db.prepare('SELECT count(*) FROM calls WHERE utterances_indexed = 0 OR sparkline_json IS NULL').pluck().get(), 0);
  check();
  s.close();
});

test('a call deleted before the backlog reached it leaves a sound index', () => {
  const path = join(dir, 'v2-delete.db');
  v2History(path);
  const s = new CallStore(path);
  const alpha = s.list().find((c) => c.title === 'Alpha')!.id;
  assert.equal(s.delete([alpha]), 1);
  assert.deepEqual(s.list().map((c) => c.title), ['Beta']);
  s.workOffBacklog(10_000);
  assert.doesNotThrow(() => s.db.prepare("INSERT INTO utterance_fts(utterance_fts, rank) VALUES ('integrity-check', 0)").run());
  assert.deepEqual(s.search('walrus').map((c) => c.title), ['Beta']);
  s.close();
});
