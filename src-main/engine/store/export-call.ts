// One call of an export, read once. Checking a call against its digest
// reads every row of it, which is most of what an export costs; so the JSON
// of the call is built from those same rows as the digest is computed
// (digest.ts), and written only when the digest matches: a damaged call is
// never written, and no call is read twice. The JSON is the call as getCall
// returns it, without the sparkline: the summary fields, file, audio file,
// notes, end, segments ({me, them} of [start, end] in time order), the report
// (with those segments and the participants), utterances, face samples and
// participants.
import type { CallDetail } from '../../contract/calls';
import { CandorError } from '../../contract/errors';
import type { CallStore } from './calls-store';
import { mapSqliteError } from './db';
import { inTimeOrder, METRICS_REPORT_JSON, readCallRows, storedDigest, type CallRows } from './digest';

/** Participants and digests have their own tables from schema 3; a read-only file of an older one is exported through getCall. */
const ROWS_SCHEMA = 3;

type Row = unknown[];

/** The damage getCall names for this call (it throws), or a plain one if getCall, reading it differently, does not. */
function damagedError(store: CallStore, id: number, cause?: unknown): CandorError {
  store.get(id);
  return cause ? mapSqliteError(cause, store.path) : new CandorError('DB_UNREADABLE',
    `the stored data of call ${id} in ${store.path} no longer matches the checksum written with it`,
    `Run \`candor doctor\` to check the whole database, or delete this call with \`candor history delete ${id}\`.`);
}

/**
 * Reads a call once and checks it against its digest. Throws
 * CALL_NOT_FOUND, or the damage as getCall names it. `checked`: whether the
 * rows were vouched for by a digest (a finished call).
 */
function readChecked(store: CallStore, id: number): { rows: CallRows; checked: boolean } {
  let read: ReturnType<typeof readCallRows>;
  try {
    read = readCallRows(store.db, id);
  } catch (err) {
    throw damagedError(store, id, err);
  }
  if (!read.rows.call) store.get(id); // CALL_NOT_FOUND
  const stored = storedDigest(store.db, id);
  if (stored !== undefined && stored !== read.digest) throw damagedError(store, id);
  return { rows: read.rows, checked: stored !== undefined };
}

export function schemaHasRows(store: CallStore): boolean {
  return (store.db.pragma('user_version', { simple: true }) as number) >= ROWS_SCHEMA;
}

/** Checks a call against its digest (for an export that does not write its rows: CSV); a call without one (recording) has nothing to check. */
export function checkCall(store: CallStore, id: number): void {
  if (!schemaHasRows(store)) {
    store.get(id);
    return;
  }
  if (storedDigest(store.db, id) !== undefined) readChecked(store, id);
}

/** JSON text the store wrote itself: embedded as it is once the digest vouches for it, else parsed first. */
function storedJson(text: string, checked: boolean, store: CallStore, id: number): string {
  if (!checked) {
    try {
      JSON.parse(text);
    } catch {
      throw damagedError(store, id);
    }
  }
  return text;
}

/**
 * The utterances' JSON. Word timings are JSON the store wrote, put in as
 * they are; one serialisation of plain objects is much cheaper than one per
 * utterance, so each carries a placeholder key for its words that is then
 * replaced (no text can produce the key: JSON escapes every control character).
 */
const WORDS_KEY = '\u0000words';
const WORDS_SLOT = /"\\u0000words":(\d+)/g;

function utterancesJson(rows: Row[], checked: boolean, store: CallStore, id: number): string {
  const words: string[] = [];
  const list = rows.map(([side, speaker, start, end, text, w]) => {
    if (w === null) return { side, speaker, start, end, text };
    words.push(storedJson(w as string, checked, store, id));
    return { side, speaker, start, end, text, [WORDS_KEY]: words.length - 1 };
  });
  const json = JSON.stringify(list);
  return words.length ? json.replace(WORDS_SLOT, (_, i: string) => `"words":${words[Number(i)]}`) : json;
}

/** The export JSON of one call from its rows (see the top of this file). */
export function callJsonFromRows(store: CallStore, id: number, r: CallRows, checked: boolean): string {
  const [, startedAt, endedAt, durationSec, source, file, title, notes, status, , audioFile] = r.call!;
  const m = r.metrics;
  const head = {
    id, title, startedAt, durationSec, source, status, recovered: status === 'recovered',
    talkShare: m ? m[0] : null, paceWpm: m ? m[11] : null, longestMonologueSec: m ? m[3] : null,
    patienceMeanSec: m ? m[5] : null, questionsMe: m ? m[13] : null,
    file, audioFile, notes, endedAt,
  };
  const segments = { me: [] as number[][], them: [] as number[][] };
  for (const [side, start, end] of inTimeOrder(r.segments, 1)) segments[side as 'me' | 'them'].push([start as number, end as number]);
  const segmentsJson = JSON.stringify(segments);
  let stored: Record<string, unknown> | null = null;
  if (m) {
    try {
      stored = JSON.parse(m[METRICS_REPORT_JSON] as string) as Record<string, unknown>;
    } catch {
      throw damagedError(store, id);
    }
  }
  const fromTable = r.participants.map(([, name, side, talkSec, share, turns, longestMonologueSec, questions, words, wpm]) =>
    ({ name, side, talkSec, share, turns, longestMonologueSec, questions, words, wpm }));
  const participants = JSON.stringify(fromTable.length ? fromTable : stored?.participants ?? []);
  let report = 'null';
  if (stored) {
    const withParticipants = fromTable.length > 0 || stored.participants !== undefined;
    const { segments: _s, participants: _p, ...rest } = stored;
    const body = JSON.stringify(rest);
    report = `${body.length > 2 ? `${body.slice(0, -1)},` : '{'}"segments":${segmentsJson}${withParticipants ? `,"participants":${participants}` : ''}}`;
  }
  const utterances = utterancesJson(inTimeOrder(r.utterances, 2), checked, store, id);
  const vision = JSON.stringify(inTimeOrder(r.vision, 0)
    .map(([t, facesVisible, facingCount, cameraOn]) => ({ t, facesVisible, facingCount, cameraOn: cameraOn === 1 })));
  const h = JSON.stringify(head);
  return `${h.slice(0, -1)},"segments":${segmentsJson},"report":${report},"utterances":${utterances},"vision":${vision},"participants":${participants}}`;
}

/** A call as getCall returns it, without the sparkline (a file of a schema before 3). */
function detailJson(d: CallDetail): string {
  const { sparkline: _s, match: _m, ...rest } = d;
  return JSON.stringify(rest);
}

/** The export JSON of one call, checked against its digest; throws CALL_NOT_FOUND or the call's damage. */
export function exportCallJson(store: CallStore, id: number, rowsSchema = schemaHasRows(store)): string {
  if (!rowsSchema) return detailJson(store.get(id));
  const { rows, checked } = readChecked(store, id);
  return callJsonFromRows(store, id, rows, checked);
}
