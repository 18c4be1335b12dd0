// The search text of a call (call_fts) after edits and deletes. SQLite
// 3.53's FTS5 with secure-delete corrupts its index when a row is UPDATEd
// more than once and then deleted ("fts5: checksum mismatch"): the store's
// open then refused the whole database as damaged, and deleted words could
// stay in the index. Edits now replace the row instead of updating it.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import test from 'node:test';
import { CallStore } from '../../../src-main/engine/store/calls-store';
import { tempDir } from '../../support/tmp';
import { rng } from '../../support/rng';
import { FILLER, saveCallWith } from './support/history';

const dir = tempDir();

function ftsIntact(s: CallStore): void {
  s.db.exec("INSERT INTO call_fts(call_fts, rank) VALUES ('integrity-check', 1)");
  s.db.exec("INSERT INTO utterance_fts(utterance_fts, rank) VALUES ('integrity-check', 1)");
}

test('edit the notes and title of calls with transcripts, then delete one: the search index stays sound and the file opens', () => {
  const path = join(dir, 'edit-delete.db');
  const s = new CallStore(path);
  const lines = Array.from({ length: 200 }, (_, i) => `${FILLER[i % FILLER.length]} number ${i}`);
  const ids = [1, 2, 3, 4].map((n) => saveCallWith(s, `call ${n}`, lines, { notes: `first notes ${n}` }));
  s.update(ids[3], { notes: 'edited notes about the Quokkabudget' });
  s.update(ids[3], { title: 'renamed call' });
  ftsIntact(s);
  assert.deepEqual(s.search('Quokkabudget').map((c) => c.id), [ids[3]]);
  assert.deepEqual(s.search('renamed').map((c) => c.id), [ids[3]]);
  assert.equal(s.search('roadmap').length, 4, 'the transcript is still searchable after the edits');
  assert.equal(s.delete([ids[3]]), 1);
  ftsIntact(s);
  assert.equal(s.search('Quokkabudget').length, 0);
  assert.equal(s.search('roadmap').length, 3);
  s.close();
  const again = new CallStore(path);
  try {
    assert.deepEqual(again.list().map((c) => c.id).sort(), ids.slice(0, 3).sort());
    ftsIntact(again);
  } finally {
    again.close();
  }
});

test('random histories of saves, edits and deletes keep the search index sound (14 of 30 broke with rowids reused)', () => {
  for (let trial = 0; trial < 12; trial++) {
    const s = new CallStore(join(dir, `random-${trial}.db`));
    try {
      const random = rng(0xca11 + trial);
      const lines = Array.from({ length: 200 }, (_, i) => `${FILLER[i % FILLER.length]} number ${i}`);
      const ids = Array.from({ length: 6 }, (_, k) => saveCallWith(s, `call ${k}`, lines.slice(0, 20 + Math.floor(random() * 180))));
      for (let e = 0; e < 8; e++) {
        const id = ids[Math.floor(random() * ids.length)];
        s.update(id, random() < 0.5 ? { notes: `notes ${e} ${random()}` } : { title: `title ${e}` });
      }
      for (const id of ids.filter(() => random() < 0.5)) {
        s.delete([id]);
        ftsIntact(s);
      }
      // A new call after deletes must not land on a search row a deleted call had.
      saveCallWith(s, 'after the deletes', lines.slice(0, 50), { notes: 'fresh notes' });
      ftsIntact(s);
    } finally {
      s.close();
    }
  }
});
