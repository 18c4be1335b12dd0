// Seals by part (schema 6): a change in any part of a finished call is
// caught by getCall, the JSON export and `candor doctor`, and by the CSV
// export where it is in the part CSV writes (the head); a history of schema
// 5, sealed with the first definition, is converted a call at a time after
// open, and a call damaged before that is kept, reported, and not sealed as
// valid.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import test from 'node:test';
import Database from 'better-sqlite3';
import { CandorError } from '../../../src-main/contract/errors';
import { CallStore } from '../../../src-main/engine/store/calls-store';
import { legacySealAll } from '../../../src-main/engine/store/digest';
import { exportCalls, type SkippedCall } from '../../../src-main/engine/store/export';
import { checkDatabase } from '../../../src-main/engine/store/health';
import { SCHEMA_VERSION } from '../../../src-main/engine/store/migrations';
import { reportFromSegments } from '../../../src-main/engine/store/recovery';
import { partDigest, readParts } from '../../../src-main/engine/store/seal';
import { COPY_OLDER_CALL_FTS, copyOlderTable, createDatabaseAt, transcriptCall } from '../../support/store-fixtures';
import { tempDir } from '../../support/tmp';

const dir = tempDir();

/** Three calls with segments, utterances (one with word timings), participants and face samples. */
function history(path: string): number[] {
  const s = new CallStore(path, { backups: false });
  const ids: number[] = [];
  for (let i = 0; i < 3; i++) {
    const c = transcriptCall();
    const utts = c.utterances.map((u, k) => (k === 0 ? { ...u, words: [{ w: 'Thanks', s: 0, e: 0.4 }] as never } : u));
    ids.push(s.saveComplete({ source: 'file', title: `call ${i}` }, c.report, c.segments, utts));
  }
  // Face samples come with a live call.
  const live = s.begin({ source: 'live', title: 'live' });
  const segs = [{ side: 'me' as const, start: 0, end: 2, syllables: 5 }, { side: 'them' as const, start: 2.5, end: 4, syllables: 0 }];
  s.checkpoint(live, segs, [], 4, [{ t: 0.5, facesVisible: 2, facingCount: 1, cameraOn: true }, { t: 1, facesVisible: 1, facingCount: 0, cameraOn: false }]);
  s.finish(live, reportFromSegments('live', segs, 4), segs);
  ids.push(live);
  s.close();
  return ids;
}

function raw(path: string, sql: string, ...args: unknown[]): void {
  const db = new Database(path);
  db.prepare(sql).run(...args);
  db.close();
}

function damage(fn: () => unknown): CandorError {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof CandorError && err.code === 'DB_UNREADABLE', String(err));
    return err;
  }
  assert.fail('expected the call to be refused');
}

const csvIds = (csv: string): number[] => csv.trim().split('\n').slice(1).map((l) => Number(l.split(',')[0]));

// One stored value changed in each part, where the export does not show it as well as where it does.
const CHANGES: { part: string; name: RegExp; sql: string; csv: boolean }[] = [
  { part: 'head', name: /summary, metrics, report or participants/, sql: 'UPDATE calls SET checkpoint_sec = checkpoint_sec + 1 WHERE id = ?', csv: true },
  { part: 'head', name: /summary, metrics, report or participants/, sql: 'UPDATE metrics SET interruptions_me = interruptions_me + 1 WHERE call_id = ?', csv: true },
  { part: 'head', name: /summary, metrics, report or participants/, sql: 'UPDATE participants SET words = words + 1 WHERE call_id = ? AND ord = 1', csv: true },
  { part: 'segments', name: /speech segments/, sql: 'UPDATE segments SET syllables = syllables + 1 WHERE id = (SELECT max(id) FROM segments WHERE call_id = ?)', csv: false },
  { part: 'segments', name: /speech segments/, sql: 'UPDATE segments SET end_sec = end_sec + 0.001 WHERE id = (SELECT min(id) FROM segments WHERE call_id = ?)', csv: false },
  { part: 'utterances', name: /transcript/, sql: "UPDATE utterances SET text = 'Sure, the budget is approved for April' WHERE call_id = ? AND text LIKE 'Sure%'", csv: false },
  { part: 'utterances', name: /transcript/, sql: "UPDATE utterances SET source = 'asr' WHERE id = (SELECT min(id) FROM utterances WHERE call_id = ?)", csv: false },
  { part: 'utterances', name: /transcript/, sql: `UPDATE utterances SET words_json = '[{"w":"Thanks","s":0,"e":0.5}]' WHERE call_id = ? AND words_json IS NOT NULL`, csv: false },
  { part: 'vision', name: /face samples/, sql: 'UPDATE vision_samples SET camera_on = 2 WHERE call_id = ? AND camera_on = 0', csv: false },
  { part: 'vision', name: /face samples/, sql: 'UPDATE vision_samples SET facing_count = 2 WHERE call_id = ? AND t_sec = 1', csv: false },
];

test('a change in any part of a call is caught by getCall, JSON export and doctor, and by CSV in the head it writes', () => {
  for (const [k, c] of CHANGES.entries()) {
    const path = join(dir, `part-${k}.db`);
    const ids = history(path);
    const victim = c.part === 'vision' ? ids[3] : ids[1];
    raw(path, c.sql, victim);
    const s = new CallStore(path, { backups: false });
    try {
      const err = damage(() => s.get(victim));
      assert.match(err.message, new RegExp(`stored data of call ${victim} .* no longer matches the checksum written with it: ${c.name.source}`), c.sql);
      for (const id of ids) if (id !== victim) assert.doesNotThrow(() => s.get(id), `call ${id} is sound (${c.sql})`);
      const skipped: SkippedCall[] = [];
      const json = JSON.parse(exportCalls(s, 'all', 'json', (x) => skipped.push(x))) as { calls: { id: number }[] };
      assert.deepEqual(json.calls.map((x) => x.id), ids.filter((id) => id !== victim), c.sql);
      assert.deepEqual(skipped.map((x) => x.id), [victim]);
      damage(() => exportCalls(s, [victim], 'json'));
      assert.deepEqual(csvIds(exportCalls(s, 'all', 'csv')), c.csv ? ids.filter((id) => id !== victim) : ids, c.sql);
    } finally {
      s.close();
    }
    const h = checkDatabase(path);
    assert.deepEqual([h.status, h.damagedCalls], ['damaged', [victim]], c.sql);
  }
});

test('the seals of a call are over the text the JSON export writes; a pinned call keeps its digests', () => {
  const path = join(dir, 'pinned.db');
  const s = new CallStore(path, { backups: false });
  try {
    const segs = [{ side: 'me' as const, start: 0.1 + 0.2, end: 1 / 3, syllables: 4 }, { side: 'them' as const, start: 1e-7, end: 12345.678, syllables: 0 }];
    const id = s.begin({ source: 'live', title: 'pinned', startedAt: new Date(Date.UTC(2026, 0, 2)) });
    s.checkpoint(id, segs, [], 1, [{ t: 0.5, facesVisible: 1, facingCount: 1, cameraOn: true }]);
    s.replaceUtterances(id, [{ side: 'them', speaker: 'Ana "A"', start: 2 / 3, end: 1, text: 'ünïcode \u0000 "quoted"\n', words: [{ w: 'x', s: 0.7, e: 0.9 }] as never }], 'asr');
    s.finish(id, reportFromSegments('live', segs, 12346), segs);
    const parts = readParts(s.db, id)!;
    const r = { segments: parts.segments.toString(), utterances: parts.utterances.toString(), vision: parts.vision.toString() };
    const sealed = s.db.prepare('SELECT segments, utterances, vision FROM call_seals WHERE call_id = ?').get(id) as Record<string, string>;
    assert.deepEqual(sealed, { segments: partDigest(r.segments), utterances: partDigest(r.utterances), vision: partDigest(r.vision) });
    // The JSON written for the call is the text sealed: each part up to its first newline (numbers as SQLite writes them).
    const text = exportCalls(s, [id], 'json');
    const [me, them] = r.segments.split('\n');
    for (const piece of [r.utterances.slice(0, r.utterances.indexOf('\n')), r.vision.slice(0, r.vision.indexOf('\n')), `"segments":{"me":${me},"them":${them}}`]) {
      assert.ok(text.includes(piece), piece);
    }
    const call = (JSON.parse(text) as { calls: Record<string, unknown>[] }).calls[0];
    const { sparkline: _s, ...got } = s.get(id);
    assert.deepEqual(call, JSON.parse(JSON.stringify(got)));
    assert.deepEqual([r.segments, r.utterances, r.vision], [
      '[[0.30000000000000004,0.33333333333333332]]\n[[1.0e-07,12345.678]]\n0:0,4:0',
      '[{"side":"them","speaker":"Ana \\"A\\"","start":0.66666666666666663,"end":1.0,"text":"ünïcode \\u0000 \\"quoted\\"\\n","words":[{"w":"x","s":0.7,"e":0.9}]}]\nasr',
      '[{"t":0.5,"facesVisible":1,"facingCount":1,"cameraOn":true}]\n1',
    ]);
    // Pinned: a SQLite or code change that renders these texts differently would make every stored call look damaged.
    // If this fails, the seal definition changed: add a migration that re-seals (as reseal.ts does), never just new values.
    assert.deepEqual(sealed, {
      segments: '485591f676c4065d444cc53567ed9a21ba02cf03d677cd3c6b3f79412f5f083d',
      utterances: '7189aabc111511374442e0213729af5977db7666188a634001def6c71174f77b',
      vision: 'b2fee11b5d725791a4a57dd4aedf5d1b91b78befc9d5734659d5d9773e378c24',
    });
  } finally {
    s.close();
  }
});

/** A schema-5 history: the calls saved by the store, copied into a file made by the migrations up to 5, digests as schema 5 wrote them. */
function v5History(path: string): number[] {
  const src = `${path}.src.db`;
  const ids = history(src);
  const db = createDatabaseAt(path, 5);
  db.exec(`ATTACH '${src}' AS s`);
  for (const t of ['calls', 'segments', 'metrics', 'utterances', 'participants', 'vision_samples']) copyOlderTable(db, t);
  db.exec(COPY_OLDER_CALL_FTS);
  db.exec('DETACH s');
  legacySealAll(db);
  db.close();
  return ids;
}

test('a schema-5 history is sealed by parts after open, a call at a time; a call damaged before is kept and reported', () => {
  const path = join(dir, 'v5.db');
  const ids = v5History(path);
  const before = new CallStore(path, { readonly: true });
  const want = new Map(ids.map((id) => [id, exportCalls(before, [id], 'json').split('\n')[3]]));
  before.close();
  const victim = ids[2];
  raw(path, "UPDATE utterances SET text = 'Understood. Who signs on their side?' WHERE call_id = ? AND text LIKE 'Understood%'", victim);

  const s = new CallStore(path, { backups: false });
  try {
    assert.equal(s.db.pragma('user_version', { simple: true }), SCHEMA_VERSION);
    const count = (t: string): number => s.db.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number;
    assert.deepEqual([count('call_digests'), count('call_seals')], [4, 0], 'the upgrade itself only adds the table');
    // Before conversion the first digests are checked.
    assert.match(damage(() => s.get(victim)).message, /no longer matches the checksum written with it: data/);
    assert.doesNotThrow(() => s.get(ids[0]));
    // A slice of no time converts one call; each call is its own transaction, so a stop in between leaves every call sealed one way.
    const first = s.workOffBacklog(0);
    assert.deepEqual(first, { calls: 1, more: true, damaged: [] });
    assert.deepEqual([count('call_digests'), count('call_seals')], [3, 1]);
    const rest = s.workOffBacklog(10_000);
    assert.deepEqual(rest, { calls: 3, more: false, damaged: [victim] });
    assert.deepEqual(s.db.prepare('SELECT call_id FROM call_digests').pluck().all(), [victim], 'the damaged call keeps its first digest');
    assert.deepEqual(s.db.prepare('SELECT call_id FROM call_seals ORDER BY call_id').pluck().all(), ids.filter((id) => id !== victim));
    assert.deepEqual(s.workOffBacklog(10_000), { calls: 0, more: false, damaged: [] }, 'checked once per open');
    // Still reported everywhere, and everything else exports exactly as before.
    damage(() => s.get(victim));
    const skipped: SkippedCall[] = [];
    const lines = exportCalls(s, 'all', 'json', (x) => skipped.push(x)).split('\n');
    assert.deepEqual(skipped.map((x) => x.id), [victim]);
    for (const id of ids.filter((x) => x !== victim)) {
      const line = lines.find((l) => l.startsWith(`    {"id":${id},`))!.replace(/,$/, '');
      assert.equal(line, want.get(id)!.replace(/,$/, ''), `call ${id} exports as before the upgrade`);
    }
  } finally {
    s.close();
  }
  assert.deepEqual(checkDatabase(path).damagedCalls, [victim]);
  // The next open checks the damaged call again and still does not seal it.
  const again = new CallStore(path, { backups: false });
  try {
    assert.deepEqual(again.workOffBacklog(10_000), { calls: 1, more: false, damaged: [victim] });
  } finally {
    again.close();
  }
});
