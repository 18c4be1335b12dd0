// Small histories for the store tests: calls with segments, utterances and
// face samples, saved through the store as the product saves them.
import type { Utterance } from '../../../../src-main/contract/calls';
import assert from 'node:assert/strict';
import { listBackups } from '../../../../src-main/engine/store/backups';
import { CallStore, type SegmentRecord } from '../../../../src-main/engine/store/calls-store';
import { reportFromSegments } from '../../../../src-main/engine/store/recovery';

export const FILLER = ['we should talk about the plan', 'the numbers look fine to me', 'let us look at the roadmap', 'sounds good to me'];

export function segmentsFor(n: number): SegmentRecord[] {
  return Array.from({ length: n }, (_, i) => ({ side: i % 2 ? 'them' : 'me', start: i * 4, end: i * 4 + 3, syllables: i % 2 ? 0 : 9 }) as SegmentRecord);
}

/** Saves a call whose utterances are `lines` (4 s apart, from 0 s); returns its id. */
export function saveCallWith(store: CallStore, title: string, lines: string[], opts: { startedAt?: Date; notes?: string } = {}): number {
  const segs = segmentsFor(Math.max(2, lines.length));
  const utterances: Utterance[] = lines.map((text, i) => ({ side: i % 2 ? 'them' : 'me', start: i * 4, end: i * 4 + 3, text }));
  const id = store.saveComplete({ source: 'file', title, startedAt: opts.startedAt }, reportFromSegments('call.wav', segs, segs.length * 4), segs, utterances);
  if (opts.notes) store.update(id, { notes: opts.notes });
  return id;
}

/**
 * Ten calls of filler, one whose lines say `secret` (and its notes), and
 * `bulk` calls of 20,000 segments (a file big enough that a backup copy
 * takes a while); with its daily backup. Returns the secret call's id.
 */
export function secretHistory(path: string, secret: string, bulk: number, lines: { filler: (k: number) => string[]; secret: string[] }): number {
  const store = new CallStore(path);
  for (let k = 0; k < 10; k++) saveCallWith(store, `Filler ${k}`, lines.filler(k));
  const secretId = saveCallWith(store, `${secret} call`, lines.secret, { notes: `${secret} notes` });
  const segs = segmentsFor(20_000);
  for (let k = 0; k < bulk; k++) store.saveComplete({ source: 'file', title: `Long ${k}` }, reportFromSegments('long.wav', segs, 80_000), segs);
  store.close();
  new CallStore(path).close(); // the open takes the daily backup
  assert.equal(listBackups(path).length, 1);
  return secretId;
}
