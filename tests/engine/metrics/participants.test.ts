import assert from 'node:assert/strict';
import test from 'node:test';
import type { Utterance } from '../../../src-main/contract/calls';
import { participantsFromSegments, participantsFromUtterances } from '../../../src-main/engine/metrics/participants';

const u = (side: 'me' | 'them', speaker: string, start: number, end: number, text: string): Utterance => ({ side, speaker, start, end, text });

// Hand-computed: see each figure's comment.
const call: Utterance[] = [
  u('me', 'Alice', 0, 10, 'Hello everyone, thanks for joining.'),
  u('them', 'Bob', 10.2, 10.8, 'mm-hm'), // 0.6 s back-channel: does not split Alice's turn
  u('me', ' alice ', 11, 20, 'What do you think about the plan?'),
  u('them', 'Bob', 21, 25, 'I think it is fine.'), // 4 s: splits Alice's turn
  u('them', 'Carol', 25.3, 27, 'Could you share the slides'),
  u('me', 'ALICE', 28, 30, 'Sure.'),
];

test('three speakers: talk, share, turns, monologue, questions, words, wpm by hand', () => {
  const ps = participantsFromUtterances(call);
  assert.deepEqual(ps.map((p) => [p.name, p.side]), [['Alice', 'me'], ['Bob', 'them'], ['Carol', 'them']]);
  const [a, b, c] = ps;
  // Alice: [0,10] [11,20] [28,30] (gaps >= 0.5 not bridged) = 21 s; all talk 21 + 4.6 + 1.7 = 27.3
  assert.ok(Math.abs(a.talkSec - 21) < 1e-9);
  assert.ok(Math.abs(b.talkSec - 4.6) < 1e-9);
  assert.ok(Math.abs(c.talkSec - 1.7) < 1e-9);
  // figures are rounded as the timing metrics are: seconds to 0.1, shares to 0.001, wpm to whole words
  assert.equal(a.share, 0.769); // 21 / 27.3
  assert.ok(Math.abs(b.share! + a.share! + c.share! - 1) <= 0.0015);
  assert.deepEqual([a.turns, b.turns, c.turns], [2, 2, 1]);
  // Alice 0..20 (Bob's 0.6 s mm-hm does not cut it); Bob 4; Carol 1.7
  assert.ok(Math.abs(a.longestMonologueSec - 20) < 1e-9);
  assert.ok(Math.abs(b.longestMonologueSec - 4) < 1e-9);
  assert.ok(Math.abs(c.longestMonologueSec - 1.7) < 1e-9);
  assert.deepEqual([a.questions, b.questions, c.questions], [1, 0, 1]);
  assert.deepEqual([a.words, b.words, c.words], [13, 6, 5]);
  assert.equal(a.wpm, 37); // 13 words in 21 s
  assert.equal(b.wpm, 78); // 6 words in 4.6 s
  assert.equal(c.wpm, null); // 1.7 s is below the pace minimum
});

test('audio-only calls: me and them from segments, no words', () => {
  const ps = participantsFromSegments({ me: [[0, 5], [5.3, 8], [20, 22]], them: [[8.5, 9], [10, 18]] });
  assert.deepEqual(ps.map((p) => [p.name, p.side, p.turns, p.words, p.questions, p.wpm]), [
    ['me', 'me', 2, 0, 0, null],
    ['them', 'them', 1, 0, 0, null],
  ]);
  assert.ok(Math.abs(ps[0].talkSec - 10) < 1e-9); // [0,8] bridged + [20,22]
  assert.ok(Math.abs(ps[1].talkSec - 8.5) < 1e-9);
});

test('participant monologue equals longestMonologue against everyone else (random calls)', async () => {
  const { longestMonologue } = await import('../../../src-main/engine/metrics/monologue');
  const { bridgeSpans } = await import('../../../src-main/engine/metrics/spans');
  let seed = 7;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (let round = 0; round < 200; round++) {
    const us: Utterance[] = [];
    let t = 0;
    for (let i = 0; i < 30; i++) {
      const sp = ['A', 'B', 'C'][Math.floor(rnd() * 3)];
      const len = rnd() * 3;
      us.push(u(sp === 'A' ? 'me' : 'them', sp, t, t + len, 'x'));
      t += len + rnd() * 2.5 - 0.3;
      if (t < 0) t = 0;
    }
    const ps = participantsFromUtterances(us);
    for (const p of ps) {
      const bridged = (name: string) => bridgeSpans(us.filter((x) => x.speaker === name).map((x) => [x.start, x.end] as [number, number]), 0.5);
      const others = bridgeSpans(ps.filter((o) => o !== p).flatMap((o) => bridged(o.name)), 1e-9);
      assert.equal(p.longestMonologueSec, Math.round(longestMonologue(bridged(p.name), others) * 10) / 10, `round ${round} ${p.name}`);
    }
  }
});

// Quadratic work here once took minutes on long transcripts (issue 14): the
// time must grow about linearly, 10x the utterances in well under 30x the time.
test('100k utterances take about ten times as long as 10k (no quadratic work)', () => {
  const make = (n: number): Utterance[] => Array.from({ length: n }, (_, i) => u(i % 3 === 0 ? 'me' : 'them', ['A', 'B', 'C'][i % 3], i * 3, i * 3 + 2.5, 'what do you think of it'));
  const time = (us: Utterance[]): number => {
    let best = Infinity;
    for (let k = 0; k < 3; k++) {
      const t0 = performance.now();
      assert.equal(participantsFromUtterances(us).length, 3);
      best = Math.min(best, performance.now() - t0);
    }
    return best;
  };
  const small = time(make(10_000));
  const big = time(make(100_000));
  assert.ok(big < small * 30, `10k: ${small.toFixed(0)} ms, 100k: ${big.toFixed(0)} ms`);
});
