import assert from 'node:assert/strict';
import test from 'node:test';
import type { Span } from '../../../src-main/contract/report';
import { HANDOVER_MAX_GAP_SEC } from '../../../src-main/engine/metrics/definitions';
import { handovers } from '../../../src-main/engine/metrics/handovers';

test('one hand-over per stop of the first side, answered within the limit', () => {
  const from: Span[] = [[0, 2], [10, 12], [30, 31]];
  const to: Span[] = [[2.4, 5], [17, 20], [40, 41]];
  // 2 -> 2.4 (0.4 s); 12 -> 17 is exactly the limit and counts; 31 -> 40 is 9 s
  assert.deepEqual(handovers(from, to).map((h) => [h.at, Math.round(h.gap * 1000) / 1000]), [[2, 0.4], [12, 5]]);
  assert.equal(HANDOVER_MAX_GAP_SEC, 5.0);
});

test('a back-channel of the other side during my speech is not the answer', () => {
  // they say "mm" at 3-3.4 while I talk 0-6; their real answer starts at 6.8
  assert.deepEqual(handovers([[0, 6]], [[3, 3.4], [6.8, 9]]).map((h) => Math.round(h.gap * 1000) / 1000), [0.8]);
});

test('overlap is not a hand-over; a later segment of mine owns it', () => {
  assert.deepEqual(handovers([[0, 5]], [[4, 8]]), []);
  // I speak 0-2, pause, 3-4; they answer at 4.5: one hand-over, from my later segment
  assert.deepEqual(handovers([[0, 2], [3, 4]], [[4.5, 6]]), [{ at: 4, gap: 0.5 }]);
});

test('a side that overlaps itself (several speakers) is merged first', () => {
  // two of them talk 0-3 and 2-5; I answer at 5.5
  assert.deepEqual(handovers([[0, 3], [2, 5]], [[5.5, 7]]), [{ at: 5, gap: 0.5 }]);
});

test('linear: 200,000 alternating turns in well under a second', () => {
  const a: Span[] = [];
  const b: Span[] = [];
  for (let i = 0; i < 100_000; i++) {
    a.push([i * 10, i * 10 + 4]);
    b.push([i * 10 + 4.5, i * 10 + 9]);
  }
  const t0 = performance.now();
  const h = handovers(a, b);
  const ms = performance.now() - t0;
  assert.equal(h.length, 100_000);
  assert.ok(ms < 1000, `took ${ms.toFixed(0)} ms`);
});
