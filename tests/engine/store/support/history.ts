// Small histories for the store tests: calls with segments, utterances and
// face samples, saved through the store as the product saves them.
import type { Utterance } from '../../../../src-main/contract/calls';
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
