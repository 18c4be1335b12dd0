// "Did you mean": the speaker names closest to what the user typed, by edit
// distance on folded names (case and surrounding spaces ignored).
import { participantKey } from '../../contract/participants';

/** Levenshtein distance (insertions, deletions, substitutions), in two rows. */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur.push(Math.min(prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1), prev[j] + 1, cur[j - 1] + 1));
    }
    prev = cur;
  }
  return prev[b.length];
}

/**
 * The names nearest to `typed` (all those at the smallest distance), when that
 * distance is at most half the typed length (or one of them contains it):
 * "Ana" suggests "Ana Lopez", "Ben Oed" suggests "Ben Ode", "Zed" nothing.
 */
export function closestNames(typed: string, names: readonly string[]): string[] {
  const t = participantKey(typed);
  if (t === '') return [];
  const scored = names.map((n) => {
    const k = participantKey(n);
    return { n, d: k.includes(t) || k.split(/\s+/).includes(t) ? 0 : editDistance(t, k) };
  });
  const best = scored.reduce((m, s) => Math.min(m, s.d), Infinity);
  if (best > Math.max(1, Math.floor(t.length / 2))) return [];
  return scored.filter((s) => s.d === best).map((s) => s.n);
}
