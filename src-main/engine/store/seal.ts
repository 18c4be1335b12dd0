// The seal of a finished call: a SHA-256 of each part of what is stored about
// it, written with it. SQLite keeps no checksum of row contents, so a byte
// flipped inside a title, a transcript line or a number would otherwise read
// back as valid data. getCall, the export and `candor doctor` compare it.
// A call that is still recording changes every second and is sealed when it
// finishes.
//
// One seal per part (head, segments, utterances, vision; export-sql.ts says
// what each covers), over text SQLite builds: a reader checks only the parts
// it returns (CSV: the head), and the JSON export writes the very text it
// hashed, so no row is handled in JS. Calls sealed before schema 6 carry one
// digest of the first definition (digest.ts) until reseal.ts converts them;
// until then they are checked that way.
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Db } from './db';
import { legacyDigest } from './digest';
import { callPartsSql, type PartTexts, type SealColumns } from './export-sql';

export const SEAL_PARTS = ['head', 'segments', 'utterances', 'vision'] as const;
export type SealPart = (typeof SEAL_PARTS)[number];

const TEXT: Record<SealPart, keyof PartTexts> = { head: 'head_text', segments: 'segments', utterances: 'utterances', vision: 'vision' };
const SEAL: Record<SealPart, keyof SealColumns> = { head: 'seal_head', segments: 'seal_segments', utterances: 'seal_utterances', vision: 'seal_vision' };

/** The SHA-256 of a part's text (UTF-8 bytes; a string is hashed as its UTF-8). */
export function partDigest(text: Buffer | string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** How a call is sealed: by parts, by one digest of the first definition, or not at all (still recording). */
export function sealKind(r: SealColumns): 'parts' | 'legacy' | 'none' {
  return r.seal_head !== null ? 'parts' : r.legacy !== null ? 'legacy' : 'none';
}

/** The first of `parts` whose text no longer matches its seal, or null (a call sealed by parts). */
export function changedPart(r: SealColumns & PartTexts, parts: readonly SealPart[] = SEAL_PARTS): SealPart | null {
  for (const p of parts) if (partDigest(r[TEXT[p]]) !== r[SEAL[p]]) return p;
  return null;
}

/** The file has seals by part (schema 6); a read-only file of schema 3-5 has only the first digests. */
export function hasSeals(db: Db): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'call_seals'").get() !== undefined;
}

const prepared = new WeakMap<Db, Database.Statement<unknown[]>>();

/** A call's seals and part texts; undefined when there is no such call. Throws SQLite's error for a damaged page or word timings. */
export function readParts(db: Db, id: number): (SealColumns & PartTexts) | undefined {
  let st = prepared.get(db);
  if (!st) prepared.set(db, (st = db.prepare(callPartsSql({ seals: hasSeals(db), exported: false }))));
  return st.get(id) as (SealColumns & PartTexts) | undefined;
}

/** Seals a finished call by parts (dropping its first-definition digest); a call still recording has none. Run inside the writing transaction. */
export function sealCall(db: Db, id: number): void {
  const r = readParts(db, id);
  if (!r) return;
  db.prepare('DELETE FROM call_digests WHERE call_id = ?').run(id);
  if (r.status === 'recording') {
    db.prepare('DELETE FROM call_seals WHERE call_id = ?').run(id);
    return;
  }
  db.prepare('INSERT OR REPLACE INTO call_seals (call_id, head, segments, utterances, vision) VALUES (?, ?, ?, ?, ?)')
    .run(id, ...SEAL_PARTS.map((p) => partDigest(r[TEXT[p]])));
}

/**
 * What no longer matches the seal of a call: a part, 'data' for a call with
 * a digest of the first definition, or null (it matches, or it has no seal).
 * Reads only; throws SQLite's error for a damaged page.
 */
export function callDamage(db: Db, id: number, parts: readonly SealPart[] = SEAL_PARTS): SealPart | 'data' | null {
  const r = readParts(db, id);
  if (!r) return null;
  const kind = sealKind(r);
  if (kind === 'parts') return changedPart(r, parts);
  if (kind === 'legacy') return legacyDigest(db, id) === r.legacy ? null : 'data';
  return null;
}

/** The words a message uses for a damaged part. */
export const PART_NAMES: Record<SealPart | 'data', string> = {
  head: 'summary, metrics, report or participants',
  segments: 'speech segments',
  utterances: 'transcript',
  vision: 'face samples',
  data: 'data',
};
