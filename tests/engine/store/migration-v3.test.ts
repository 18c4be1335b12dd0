// Schema 3: participants stored with the call. A database of schema 2, made
// by the schema-2 migrations and filled the way the schema-2 store wrote it,
// is migrated: participants copied into their table, the utterance copy
// dropped from report_json only where the rows hold it, nothing lost, and a
// backup taken first.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import test from 'node:test';
import Database from 'better-sqlite3';
import { CandorError } from '../../../src-main/contract/errors';
import { participantsFromSegments } from '../../../src-main/engine/metrics/participants';
import { listBackups } from '../../../src-main/engine/store/backups';
import { CallStore } from '../../../src-main/engine/store/calls-store';
import { SCHEMA_VERSION } from '../../../src-main/engine/store/migrations';
import { reportFromSegments } from '../../../src-main/engine/store/recovery';
import { createDatabaseAt, saveAtV2, transcriptCall, UTTERANCES } from '../../support/store-fixtures';
import { tempDir } from '../../support/tmp';

const dir = tempDir();

function reportJson(path: string, id: number): string {
  const raw = new Database(path, { readonly: true });
  try {
    return raw.prepare('SELECT report_json FROM metrics WHERE call_id = ?').pluck().get(id) as string;
  } finally {
    raw.close();
  }
}

test('a schema-2 database is migrated to 3 with its participants, utterances kept once, after a backup', () => {
  const path = join(dir, 'v2.db');
  const v2 = createDatabaseAt(path, 2);
  const call = transcriptCall();
  const withRows = saveAtV2(v2, call, 'with rows');
  // A report whose utterances never got rows: the migration must copy them before dropping them from report_json.
  const onlyInJson = saveAtV2(v2, transcriptCall(UTTERANCES.slice(0, 3)), 'only in json', { utteranceRows: false });
  const audioSegs = [{ side: 'me' as const, start: 0, end: 5, syllables: 12 }, { side: 'them' as const, start: 6, end: 9, syllables: 0 }];
  const audioReport = { ...reportFromSegments('a.wav', audioSegs, 10), participants: participantsFromSegments({ me: [[0, 5]], them: [[6, 9]] }) };
  const audioOnly = saveAtV2(v2, { report: audioReport, segments: audioSegs, utterances: [] }, 'audio only');
  const broken = saveAtV2(v2, call, 'damaged report');
  v2.prepare('UPDATE metrics SET report_json = ? WHERE call_id = ?').run('{"file": "x", "metr', broken);
  v2.close();

  const s = new CallStore(path);
  try {
    assert.equal(s.db.pragma('user_version', { simple: true }), SCHEMA_VERSION);
    const backups = listBackups(path);
    assert.deepEqual(backups.map((b) => b.kind).sort(), ['daily', 'pre-migration'], 'one before the migration, the first daily one after');
    const pre = backups.find((b) => b.kind === 'pre-migration')!;
    assert.match(pre.path, /pre-migration-v2-/);
    const copy = new Database(pre.path, { readonly: true });
    assert.equal(copy.pragma('user_version', { simple: true }), 2);
    assert.equal(copy.prepare('SELECT count(*) FROM calls').pluck().get(), 4);
    copy.close();

    const c = s.get(withRows);
    assert.deepEqual(c.participants, call.report.participants);
    assert.deepEqual(c.participants.map((p) => p.name), ['Dana', 'Karim T. (matkt)', 'Ana Lopez']);
    assert.deepEqual(c.report?.participants, call.report.participants);
    assert.deepEqual(c.utterances.map((u) => u.text), UTTERANCES.map((u) => u.text));
    const { utterances: _u, ...rest } = call.report;
    assert.deepEqual(c.report, rest, 'every other field of the report is kept');
    const stored = JSON.parse(reportJson(path, withRows));
    assert.equal(stored.utterances, undefined, 'report_json no longer duplicates the utterances');
    assert.equal(stored.participants, undefined, 'participants live in their table');
    assert.deepEqual(stored.notes, call.report.notes);

    const j = s.get(onlyInJson);
    assert.deepEqual(j.utterances.map((u) => [u.speaker, u.start, u.end, u.text]), UTTERANCES.slice(0, 3).map((u) => [u.speaker, u.start, u.end, u.text]));
    assert.equal(JSON.parse(reportJson(path, onlyInJson)).utterances, undefined);
    assert.ok(s.search('legal').some((h) => h.id === onlyInJson && h.match?.field === 'transcript'), 'the copied utterances are searchable');

    assert.deepEqual(s.get(audioOnly).participants.map((p) => [p.name, p.side]), [['me', 'me'], ['them', 'them']]);

    assert.equal(reportJson(path, broken), '{"file": "x", "metr', 'a damaged report is left as it was');
    assert.throws(() => s.get(broken), (e: unknown) => e instanceof CandorError && e.code === 'DB_UNREADABLE' &&
      new RegExp(`stored report of call ${broken} .* is damaged`).test(e.message) && /candor doctor/.test(e.hint ?? ''));
    assert.equal(s.list().length, 4, 'the list still shows every call');
  } finally {
    s.close();
  }
});

test('a new save keeps participants in their table and the report whole, without its utterances', () => {
  const path = join(dir, 'new.db');
  const s = new CallStore(path);
  try {
    const call = transcriptCall();
    const id = s.saveComplete({ source: 'file', file: 'call.vtt', title: 't' }, call.report, call.segments, call.utterances);
    const rows = s.db.prepare('SELECT name, side, words FROM participants WHERE call_id = ? ORDER BY ord').all(id);
    assert.deepEqual(rows, call.report.participants!.map((p) => ({ name: p.name, side: p.side, words: p.words })));
    const stored = JSON.parse(reportJson(path, id));
    assert.equal(stored.utterances, undefined);
    assert.equal(stored.segments, undefined);
    const c = s.get(id);
    const { utterances: _u, ...rest } = call.report;
    assert.deepEqual(c.report, rest);
    assert.deepEqual(c.participants, call.report.participants);
    s.delete([id]);
    assert.equal(s.db.prepare('SELECT count(*) FROM participants').pluck().get(), 0, 'deleted with the call');
    // A report that carries utterances the caller did not pass separately: they get rows, not dropped.
    const only = s.saveComplete({ source: 'file', title: 'u' }, call.report, call.segments);
    assert.deepEqual(s.get(only).utterances.map((u) => u.text), call.utterances.map((u) => u.text));
  } finally {
    s.close();
  }
});
