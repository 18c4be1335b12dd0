// The sparkline stored with each finished call (calls.sparkline_json), so
// that listing 500 calls reads 500 rows instead of every segment of every
// listed call. Written when a call is finished or saved; calls still
// recording have none and get theirs computed from their segments, and so
// do calls stored before version 4 until the backlog (backlog.ts) reaches them.
import type Database from 'better-sqlite3';
import type { Segments, Side, Span } from '../../contract/report';
import { talkShareSparkline } from './sparkline';

export function sparklineJson(segments: Segments, durationSec: number): string {
  return JSON.stringify(talkShareSparkline(segments, durationSec));
}

export function parseSparkline(json: string): (number | null)[] {
  return JSON.parse(json) as (number | null)[];
}

export function segmentsOfRecords(records: readonly { side: Side; start: number; end: number }[]): Segments {
  const out: Segments = { me: [], them: [] };
  for (const s of records) out[s.side].push([s.start, s.end] as Span);
  return out;
}

/** The stored sparkline of a finished call, from its segments (for calls stored before version 4). */
export function storeSparkline(db: Database.Database, callId: number, durationSec: number): void {
  const records = db.prepare('SELECT side, start_sec AS start, end_sec AS end FROM segments WHERE call_id = ? ORDER BY start_sec, id')
    .all(callId) as { side: Side; start: number; end: number }[];
  db.prepare('UPDATE calls SET sparkline_json = ? WHERE id = ?').run(sparklineJson(segmentsOfRecords(records), durationSec), callId);
}
