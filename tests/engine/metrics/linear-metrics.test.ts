// The timing metrics were quadratic (a 100k-cue transcript took 119 s). These
// tests check the linear versions against the definitions written the plain
// way (every pair compared) on random calls, then time a large call.
import assert from 'node:assert/strict';
import test from 'node:test';
import type { Span } from '../../../src-main/contract/report';
import {
  INTERRUPT_MIN_PRIOR_SEC, INTERRUPT_MIN_SEGMENT_SEC, INTERRUPT_STILL_SPEAKING_SEC, MONOLOGUE_MAX_BACKCHANNEL_SEC, MONOLOGUE_MAX_PAUSE_SEC,
} from '../../../src-main/engine/metrics/definitions';
import { interruptionsBy } from '../../../src-main/engine/metrics/interruptions';
import { monologues } from '../../../src-main/engine/metrics/monologue';
import { patienceGaps } from '../../../src-main/engine/metrics/patience';
import { computeTimingMetrics } from '../../../src-main/engine/metrics/timing-metrics';
import { sortSpans, subtract, union } from '../../../src-main/engine/metrics/spans';
import { rng } from '../../support/rng';

/** One side's non-overlapping segments with random lengths and pauses. */
function side(r: () => number, n: number): Span[] {
  const out: Span[] = [];
  let t = r() * 3;
  for (let i = 0; i < n; i++) {
    const len = 0.3 + r() * 6;
    out.push([t, t + len]);
    t += len + 0.05 + r() * 4;
  }
  return out;
}

// ---- the definitions, the plain way -------------------------------------

function plainSubtract(a: readonly Span[], b: readonly Span[]): Span[] {
  let pieces = sortSpans(a);
  for (const [bs, be] of b) {
    const next: Span[] = [];
    for (const [s, e] of pieces) {
      if (be <= s || bs >= e) next.push([s, e]);
      else {
        if (bs > s) next.push([s, bs]);
        if (be < e) next.push([be, e]);
      }
    }
    pieces = next;
  }
  return pieces;
}

function plainInterruptions(mine: readonly Span[], other: readonly Span[]): Span[] {
  return mine.filter(([s, e]) => e - s >= INTERRUPT_MIN_SEGMENT_SEC &&
    other.some(([os, oe]) => os <= s - INTERRUPT_MIN_PRIOR_SEC && oe >= s + INTERRUPT_STILL_SPEAKING_SEC));
}

function plainPatience(mine: readonly Span[], theirs: readonly Span[]): number[] {
  const me = sortSpans(mine);
  const gaps: number[] = [];
  for (const [, tEnd] of sortSpans(theirs)) {
    if (me.some(([s, e]) => s < tEnd && e > tEnd)) continue;
    const next = me.find(([s]) => s >= tEnd);
    if (!next) continue;
    if (theirs.some(([s]) => s > tEnd && s < next[0])) continue;
    if (next[0] - tEnd <= 5.0) gaps.push(next[0] - tEnd);
  }
  return gaps;
}

function plainMonologues(mine: readonly Span[], theirs: readonly Span[]): Span[] {
  const breakers = theirs.filter(([s, e]) => e - s > MONOLOGUE_MAX_BACKCHANNEL_SEC);
  const out: Span[] = [];
  for (const p of plainSubtract(mine, breakers)) {
    const cur = out[out.length - 1];
    if (cur && p[0] - cur[1] < MONOLOGUE_MAX_PAUSE_SEC && !breakers.some(([bs, be]) => bs <= p[0] && be >= cur[1])) cur[1] = Math.max(cur[1], p[1]);
    else out.push([p[0], p[1]]);
  }
  return out;
}

const close = (a: number[], b: number[]): boolean => a.length === b.length && a.every((x, i) => Math.abs(x - b[i]) < 1e-9);

test('linear metrics equal the pairwise definitions on 200 random calls', () => {
  for (let seed = 1; seed <= 200; seed++) {
    const r = rng(seed);
    const me = side(r, 5 + Math.floor(r() * 40));
    const them = side(r, 5 + Math.floor(r() * 40));
    assert.deepEqual(subtract(me, them), plainSubtract(me, them), `subtract, seed ${seed}`);
    assert.deepEqual(interruptionsBy(me, them), plainInterruptions(me, them), `interruptions, seed ${seed}`);
    assert.deepEqual(interruptionsBy(them, me), plainInterruptions(them, me), `interruptions them, seed ${seed}`);
    assert.ok(close(patienceGaps(me, them), plainPatience(me, them)), `patience, seed ${seed}`);
    assert.deepEqual(monologues(me, them), plainMonologues(me, them), `monologues, seed ${seed}`);
    assert.deepEqual(monologues(them, me), plainMonologues(them, me), `monologues them, seed ${seed}`);
  }
});

test('subtract with overlapping cuts', () => {
  assert.deepEqual(subtract([[0, 10]], [[2, 5], [3, 4], [4.5, 6], [8, 20]]), [[0, 2], [6, 8]]);
  assert.deepEqual(union([[0, 1], [0.5, 2]], []), [[0, 2]]);
});

test('a 100,000-segment call computes its timing metrics in well under the old minutes', () => {
  const r = rng(7);
  const me = side(r, 50_000);
  const them = side(r, 50_000);
  const t0 = performance.now();
  const m = computeTimingMetrics({ me, them }, Math.max(me[me.length - 1][1], them[them.length - 1][1]));
  const ms = performance.now() - t0;
  assert.ok(m.patienceSec.count > 0);
  // 119 s before for 100k cues; a linear pass takes well under a second here. The bound is generous for a loaded machine.
  assert.ok(ms < 3000, `took ${ms.toFixed(0)} ms`);
});
