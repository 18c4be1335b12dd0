// A SHA-256 over everything stored about a finished call, written with it.
// SQLite keeps no checksum of row contents, so a byte flipped inside a title,
// a transcript line or a number would otherwise read back as valid data.
// Reading a call (CallStore.get) and `candor doctor` compare it. A call that
// is still recording changes every second and is sealed when it finishes.
import { createHash } from 'node:crypto';
import type { Db } from './db';

/** The content a digest covers, table by table, in a fixed order (bookkeeping columns such as heartbeats are left out). */
const PARTS: readonly string[] = [
  `SELECT id, started_at, ended_at, duration_sec, source, file, title, notes, status, checkpoint_sec, audio_file FROM calls WHERE id = ?`,
  `SELECT side, start_sec, end_sec, syllables, open FROM segments WHERE call_id = ? ORDER BY id`,
  `SELECT talk_share, talk_me_sec, talk_them_sec, longest_me_sec, longest_them_sec, patience_mean_sec, patience_median_sec, patience_count,
     interruptions_me, interruptions_them, silence_share, pace_wpm, pace_method, questions_me, report_json FROM metrics WHERE call_id = ?`,
  `SELECT side, speaker, start_sec, end_sec, text, words_json, source FROM utterances WHERE call_id = ? ORDER BY id`,
  `SELECT ord, name, side, talk_sec, share, turns, longest_monologue_sec, questions, words, wpm FROM participants WHERE call_id = ? ORDER BY ord`,
  `SELECT t_sec, faces_visible, facing_count, camera_on FROM vision_samples WHERE call_id = ? ORDER BY rowid`,
];

/** Row by row, so that a call of a million utterances is hashed in bounded memory. */
export function callDigest(db: Db, callId: number): string {
  const h = createHash('sha256');
  for (const sql of PARTS) {
    h.update('\u0000table\n');
    for (const row of db.prepare(sql).raw().iterate(callId)) h.update(`${JSON.stringify(row)}\n`);
  }
  return h.digest('hex');
}

/** Writes the digest of a finished call; a call still recording has none. Run inside the writing transaction. */
export function sealCall(db: Db, callId: number): void {
  const status = db.prepare('SELECT status FROM calls WHERE id = ?').pluck().get(callId);
  if (status === undefined) return;
  if (status === 'recording') db.prepare('DELETE FROM call_digests WHERE call_id = ?').run(callId);
  else db.prepare('INSERT OR REPLACE INTO call_digests (call_id, sha256) VALUES (?, ?)').run(callId, callDigest(db, callId));
}

/** True when a finished call's stored data no longer matches its digest (false without a digest). */
export function digestMismatch(db: Db, callId: number): boolean {
  const stored = db.prepare('SELECT sha256 FROM call_digests WHERE call_id = ?').pluck().get(callId) as string | undefined;
  return stored !== undefined && stored !== callDigest(db, callId);
}

/** Seals every finished call: run once when the digests table is created. */
export function sealAll(db: Db): void {
  for (const id of db.prepare("SELECT id FROM calls WHERE status != 'recording'").pluck().all() as number[]) sealCall(db, id);
}
