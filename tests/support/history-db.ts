// TEST-ONLY: a history big enough that a search, an export or a VACUUM of
// it takes a noticeable time, built through the product's own store.
import type { Utterance } from '../../src-main/contract/calls';
import type { CallStore, SegmentRecord } from '../../src-main/engine/store/calls-store';
import { reportFromSegments } from '../../src-main/engine/store/recovery';
import { rng } from './rng';

const WORDS = ('we should think about the budget for next week and the pricing of the renewal because the customer ' +
  'asked whether onboarding could start sooner than planned so let me check with the team and follow up').split(' ');

/** Saves `calls` finished calls of `segments` segments and `utterances` utterances each; returns their ids. */
export function fillHistory(store: CallStore, opts: { calls: number; segments: number; utterances: number; seed?: number }): number[] {
  const r = rng(opts.seed ?? 1);
  const ids: number[] = [];
  store.tx(() => {
    for (let c = 0; c < opts.calls; c++) {
      const segs: SegmentRecord[] = [];
      let t = 0;
      for (let i = 0; i < opts.segments; i++) {
        const len = 0.5 + r() * 6;
        segs.push({ side: i % 2 ? 'them' : 'me', start: t, end: t + len, syllables: i % 2 ? 0 : Math.round(len * 4) });
        t += len + 0.2 + r();
      }
      const utts: Utterance[] = [];
      for (let i = 0; i < opts.utterances; i++) {
        const words = Array.from({ length: 8 + Math.floor(r() * 20) }, () => WORDS[Math.floor(r() * WORDS.length)]);
        const start = (t * i) / opts.utterances;
        utts.push({ side: i % 2 ? 'them' : 'me', speaker: null, start, end: start + 3, text: words.join(' ') });
      }
      const started = new Date(Date.UTC(2024, 0, 1) + c * 3_600_000);
      ids.push(store.saveComplete({ source: 'file', title: `History call ${c}`, startedAt: started }, reportFromSegments('x.wav', segs, t), segs, utts));
    }
  });
  return ids;
}
