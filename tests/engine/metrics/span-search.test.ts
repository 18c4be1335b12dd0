// The engine's span look-ups (by end, by start, the span holding a time) on
// sorted, non-overlapping spans, against a plain scan, edges included.
import assert from 'node:assert/strict';
import test from 'node:test';
import type { Span } from '../../../src-main/contract/report';
import { firstEndingAfter, firstStartingAtOrAfter, spanAt } from '../../../src-main/engine/metrics/span-search';
import { rng } from '../../support/rng';

function spans(r: () => number, n: number): Span[] {
  const out: Span[] = [];
  let t = r() * 2;
  for (let i = 0; i < n; i++) {
    const len = r() < 0.1 ? 0 : Math.round(r() * 40) / 10;
    out.push([t, t + len]);
    t += len + (r() < 0.2 ? 0 : Math.round(r() * 30) / 10); // touching spans too
  }
  return out;
}

const firstIndex = (xs: Span[], from: (s: Span) => boolean): number => {
  const i = xs.findIndex(from);
  return i < 0 ? xs.length : i;
};

test('by end, by start and the span at a time, as a scan finds them', () => {
  const r = rng(3);
  for (let n = 0; n < 30; n++) {
    const xs = spans(r, n);
    const times = [...xs.flat(), ...Array.from({ length: 10 }, () => r() * (xs.at(-1)?.[1] ?? 1) + r() - 0.5)];
    for (const t of times) {
      assert.equal(firstEndingAfter(xs, t), firstIndex(xs, (s) => s[1] > t));
      assert.equal(firstStartingAtOrAfter(xs, t), firstIndex(xs, (s) => s[0] >= t));
      const holding = xs.filter((s) => s[0] <= t && t <= s[1]);
      const at = spanAt(xs, t);
      if (holding.length === 0) assert.equal(at, undefined, `nothing holds ${t}`);
      else assert.ok(at !== undefined && holding.includes(at), `a span holding ${t}`);
    }
  }
});

test('edges: a start and an end belong to their span', () => {
  const xs: Span[] = [[1, 2], [2, 3], [5, 6]];
  assert.deepEqual(spanAt(xs, 2), [2, 3], 'a shared edge gives the span that starts there');
  assert.deepEqual(spanAt(xs, 6), [5, 6]);
  assert.equal(spanAt(xs, 4), undefined);
  assert.equal(spanAt([], 1), undefined);
  assert.equal(firstEndingAfter(xs, 6), 3);
  assert.equal(firstStartingAtOrAfter(xs, 0), 0);
});
