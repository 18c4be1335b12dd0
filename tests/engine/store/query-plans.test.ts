// Every hot query of the history reads through an index in the order it
// returns rows: no full scan of a big table and no sort of one, so a change
// that brings either back fails here instead of on a user's 10,000 calls.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import test from 'node:test';
import { BACKLOG_SQL } from '../../../src-main/engine/store/backlog';
import { CallStore, LIST_SQL, SEGMENTS_SQL, SUMMARY_SELECT, UTTERANCES_SQL, VISION_SQL } from '../../../src-main/engine/store/calls-store';
import { digestPageSql } from '../../../src-main/engine/store/digest';
import { callPartsSql, csvSql, EXPORT_IDS_ALL_SQL } from '../../../src-main/engine/store/export-sql';
import { RESEAL_SQL } from '../../../src-main/engine/store/reseal';
import { CALL_TEXT_SQL, FIRST_UTTERANCE_MATCH_SQL, SEARCH_CALLS_SQL } from '../../../src-main/engine/store/search';
import { LATEST_CALL_SQL, TRENDS_SQL, TRENDS_SQL_V5 } from '../../../src-main/engine/store/trends';
import { createDatabaseAt } from '../../support/store-fixtures';
import { tempDir } from '../../support/tmp';
import { FILLER, saveCallWith } from './support/history';

const dir = tempDir();
const WEEKS = JSON.stringify([['2020-01-06', '2020-01-05T23:00:00.000Z', '2020-01-12T23:00:00.000Z'], ['2020-01-13', '2020-01-12T23:00:00.000Z', '2020-01-19T23:00:00.000Z']]);

const HOT: [string, string, unknown[]][] = [
  ['list', LIST_SQL, [500, 0]],
  ['one summary', `${SUMMARY_SELECT} WHERE c.id = ?`, [1]],
  ['segments of a call', SEGMENTS_SQL, [1]],
  ['utterances of a call', UTTERANCES_SQL, [1]],
  ['face samples of a call', VISION_SQL, [1]],
  ['search: calls', SEARCH_CALLS_SQL, ['"plan"', 100]],
  ['search: title and notes', CALL_TEXT_SQL, [1]],
  ['search: moment', FIRST_UTTERANCE_MATCH_SQL, ['"aaaaaabplan"']],
  ['trends', TRENDS_SQL, [WEEKS]],
  ['trends: newest call', LATEST_CALL_SQL, []],
  ['export: ids', EXPORT_IDS_ALL_SQL, []],
  ['export: one call as JSON', callPartsSql({ seals: true, exported: true }), [1]],
  ['export: one call as JSON', callPartsSql({ seals: false, exported: true }), [1]], // a read-only file of schema 3-5
  ['seal: the parts of a call', callPartsSql({ seals: true, exported: false }), [1]],
  ['export: CSV of one call', csvSql('seals'), [1]],
  ['export: CSV of one call', csvSql('digests'), [1]],
  ['reseal: calls with a first-definition digest', RESEAL_SQL, [0]],
  ['backlog', BACKLOG_SQL, [16]],
  ['live checkpoint: open segments', 'DELETE FROM segments WHERE call_id = ? AND open = 1', [1]],
  ...(['segments', 'utterances', 'vision_samples'] as const).flatMap((part): [string, string, unknown[]][] => [
    [`digest and export: rowid range of a call's ${part}`, digestPageSql(part)!.bounds, [1]],
    [`digest and export: a page of a call's ${part}`, digestPageSql(part)!.page, [0, 100, 1]],
  ]),
  ['recovery: calls still recording', "SELECT id, owner_pid, heartbeat_at, checkpoint_sec FROM calls WHERE status = 'recording'", []],
];

// Tables and the aliases the queries give them (i and t in the export: a call's index entries and the rows they name).
const BIG = ['calls', 'c', 'segments', 'utterances', 'vision_samples', 'metrics', 'm', 'i', 't'];

test('the hot queries use indexes that match their order', () => {
  const s = new CallStore(join(dir, 'plans.db'));
  for (let i = 0; i < 3; i++) saveCallWith(s, `Call ${i}`, FILLER);
  for (const [name, sql, args] of HOT) {
    const rows = s.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { parent: number; detail: string }[];
    const plan = rows.map((r) => r.detail);
    for (const [i, step] of plan.entries()) {
      const scan = /^SCAN (\w+)(?! VIRTUAL)/.exec(step);
      // A scan is allowed only through an index, where every row is wanted in that order (list with LIMIT, export) or the
      // index holds only the rows wanted (the partial index of the backlog).
      if (scan && BIG.includes(scan[1])) {
        assert.doesNotMatch(step, /^SCAN (metrics|m)\b/, `${name}: ${step}`);
        assert.match(step, /USING (COVERING )?INDEX (calls_started|calls_backlog)/, `${name}: ${step}\n${plan.join('\n')}`);
      }
      // Nothing may sort.
      const parts = name === 'export: one call as JSON' || name === 'seal: the parts of a call';
      assert.doesNotMatch(step, /TEMP B-TREE/, `${name} sorts: ${plan.join('\n')}`);
      // The parts read a call's segments, utterances and face samples in the order of their index (i, its entries) and their
      // values from the table (t, the row each entry names): an index entry is a copy, the seal covers what getCall serves.
      if (parts) assert.doesNotMatch(step, /^SEARCH (segments|utterances|vision_samples) USING/, `${name}: rows not read through i and t: ${step}`);
      if (parts && /^SEARCH i /.test(step)) assert.match(step, /USING COVERING INDEX (segments_call|utterances_call|vision_call) \(call_id=\?\)$/, `${name}: ${step}`);
      if (parts && /^SEARCH t /.test(step)) assert.match(step, /USING INTEGER PRIMARY KEY \(rowid=\?\)$/, `${name}: ${step}`);
    }
  }
  s.close();
});

test('trends read each week as one range of call_trends_week and group it as it comes: no sort, no calls or metrics row', () => {
  const s = new CallStore(join(dir, 'trends.db'));
  for (let i = 0; i < 3; i++) saveCallWith(s, `Call ${i}`, FILLER);
  const plan = (s.db.prepare(`EXPLAIN QUERY PLAN ${TRENDS_SQL}`).all(WEEKS) as { detail: string }[]).map((r) => r.detail);
  s.close();
  // Apart from walking the weeks (json_each, in array order), the one read is a range of the index: no calls or metrics row.
  const reads = plan.filter((p) => /^(SCAN|SEARCH) /.test(p) && !/^SCAN json_each VIRTUAL TABLE/.test(p));
  assert.deepEqual(reads, ['SEARCH t USING COVERING INDEX call_trends_week (started_at>? AND started_at<?)'], plan.join('\n'));
  assert.deepEqual(plan.filter((p) => /TEMP B-TREE/.test(p)), [], plan.join('\n'));
});

test('a file of schema 5 to 7 read as it is: the schema-7 query reads its two covering indexes, sorting only to group by week', () => {
  const db = createDatabaseAt(join(dir, 'v7.db'), 7);
  const plan = (db.prepare(`EXPLAIN QUERY PLAN ${TRENDS_SQL_V5}`).all(WEEKS) as { detail: string }[]).map((r) => r.detail);
  db.close();
  assert.ok(plan.includes('SEARCH c USING COVERING INDEX calls_trends (started_at>? AND started_at<?)'), plan.join('\n'));
  assert.ok(plan.includes('SEARCH m USING COVERING INDEX metrics_trends (call_id=?) LEFT-JOIN'), plan.join('\n'));
  assert.deepEqual(plan.filter((p) => /TEMP B-TREE/.test(p)), ['USE TEMP B-TREE FOR GROUP BY']);
});
