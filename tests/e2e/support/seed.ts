// TEST-ONLY: a plausible history of calls over the past weeks, written
// through the real store, so the list, search and trends have something to
// show. Deterministic (seeded), so screenshots are stable.
import type { Utterance } from '../../../src-main/contract/calls';
import type { CallStore, SegmentRecord } from '../../../src-main/engine/store/calls-store';
import { reportFromSegments } from '../../../src-main/engine/store/recovery';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export interface SeedCall {
  title: string;
  daysAgo: number;
  minutes: number;
  /** My share of the talking, roughly. */
  share: number;
  notes?: string;
  transcript?: string[];
  recovered?: boolean;
}

export const SEED_CALLS: SeedCall[] = [
  { title: 'Globex discovery call', daysAgo: 2, minutes: 24, share: 0.46, notes: 'Wants SSO before the pilot. Send security docs.',
    transcript: ['What does your current onboarding look like?', 'We mostly use spreadsheets and a lot of email.', 'How many people are on the team today?'] },
  { title: 'Initech renewal', daysAgo: 5, minutes: 31, share: 0.64, notes: 'Renewal due in March; asked for a multi-year discount.',
    transcript: ['Can we talk about the pricing for next year?', 'The pricing went up for the enterprise tier.'] },
  { title: 'Umbrella Corp — weekly sync', daysAgo: 9, minutes: 18, share: 0.38, recovered: true,
    transcript: ['Let us go through the open tickets first.'] },
  { title: 'Hooli pilot kickoff', daysAgo: 15, minutes: 42, share: 0.57, notes: 'Pilot with 12 users, success criteria agreed.' },
  { title: 'Stark Industries intro', daysAgo: 22, minutes: 27, share: 0.69, transcript: ['Tell me about the procurement process on your side.'] },
  { title: 'Wayne Enterprises follow-up', daysAgo: 29, minutes: 21, share: 0.52 },
  { title: 'Acme pricing review', daysAgo: 36, minutes: 35, share: 0.61, notes: 'Zanzibar project budget confirmed.',
    transcript: ['The zanzibar rollout needs a clear pricing page.'] },
  { title: 'Soylent quarterly review', daysAgo: 44, minutes: 29, share: 0.49 },
];

export function seedCalls(store: CallStore, now = new Date(), calls: SeedCall[] = SEED_CALLS): number[] {
  const ids: number[] = [];
  calls.forEach((c, n) => {
    const rand = rng(n + 11);
    const dur = c.minutes * 60;
    const segs: SegmentRecord[] = [];
    let t = 1;
    let mine = rand() < 0.5;
    while (t < dur - 5) {
      const base = mine ? 14 + 50 * c.share : 14 + 50 * (1 - c.share);
      const len = Math.min(dur - t - 1, base * (0.4 + rand() * 1.2));
      segs.push({ side: mine ? 'me' : 'them', start: t, end: t + len, syllables: mine ? Math.round(len * (3.2 + rand())) : 0 });
      t += len + 0.4 + rand() * 1.4;
      mine = !mine;
    }
    const started = new Date(now.getTime() - c.daysAgo * 86_400_000);
    started.setHours(9 + (n % 7), (n * 13) % 60, 0, 0);
    const report = reportFromSegments('live call', segs, dur);
    const utterances: Utterance[] = (c.transcript ?? []).map((text, i) => ({ side: i % 2 ? 'them' : 'me', start: 30 + i * 40, end: 36 + i * 40, text }));
    const id = store.saveComplete({ source: 'live', title: c.title, startedAt: started }, report, segs, utterances);
    if (c.notes) store.update(id, { notes: c.notes });
    if (c.recovered) {
      report.notes = ['recovered after an interruption: the call was rebuilt from the audio analysed up to the last checkpoint'];
      store.finish(id, report, segs, 'recovered', new Date(started.getTime() + dur * 1000));
    }
    ids.push(id);
  });
  return ids;
}
