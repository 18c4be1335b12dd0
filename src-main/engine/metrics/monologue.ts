// Longest monologue (METRICS.md): the longest stretch of one side's speech in
// which that side's own pauses are < 2.0 s and the other side has no segment
// longer than 1.0 s. Short back-channels ("mm-hm") do not end it.
import type { Span } from '../../contract/report';
import { MONOLOGUE_MAX_BACKCHANNEL_SEC, MONOLOGUE_MAX_PAUSE_SEC } from './definitions';
import { firstEndingAfter } from './span-search';
import { subtract, union } from './spans';

/** The monologue stretches of `mine`, given the other side's segments. */
export function monologues(mine: readonly Span[], theirs: readonly Span[]): Span[] {
  // Merged so that one binary search finds the breaker nearest a pause.
  const breakers = union(theirs.filter(([s, e]) => e - s > MONOLOGUE_MAX_BACKCHANNEL_SEC), []);
  // A long turn of theirs cuts through my speech: what I say over it is not monologue.
  const pieces = subtract(mine, breakers);
  const out: Span[] = [];
  for (const p of pieces) {
    const cur = out[out.length - 1];
    // A breaker inside my pause [cur end, p start] also ends the stretch.
    const inPause = (from: number, to: number): boolean => {
      const b = breakers[firstEndingAfter(breakers, from - 1e-12)];
      return b !== undefined && b[0] <= to;
    };
    const joinable = cur !== undefined && p[0] - cur[1] < MONOLOGUE_MAX_PAUSE_SEC && !inPause(cur[1], p[0]);
    if (joinable) cur[1] = Math.max(cur[1], p[1]);
    else out.push([p[0], p[1]]);
  }
  return out;
}

export function longestMonologue(mine: readonly Span[], theirs: readonly Span[]): number {
  let best = 0;
  for (const [s, e] of monologues(mine, theirs)) best = Math.max(best, e - s);
  return best;
}

/**
 * Length of the monologue that is still running at time `now` (0 if the
 * latest stretch ended more than the allowed pause ago or was cut).
 */
export function currentMonologue(mine: readonly Span[], theirs: readonly Span[], now: number): number {
  const all = monologues(mine, theirs);
  const last = all[all.length - 1];
  if (!last || now - last[1] >= MONOLOGUE_MAX_PAUSE_SEC) return 0;
  const cutSince = theirs.some(([s, e]) => e - s > MONOLOGUE_MAX_BACKCHANNEL_SEC && e >= last[1]);
  return cutSince ? 0 : last[1] - last[0];
}
