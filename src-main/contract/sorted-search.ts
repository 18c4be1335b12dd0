// Binary search over items in order: the one home for it, engine and renderer
// alike (pure TS, so both layers may import it). Spans sorted by start, lines
// and utterances in time order, a cumulative distribution: each look-up is
// "the first item from which a test holds", the test being false for a first
// run of the items and true for all the rest.

/**
 * The first index i at which `from(items[i])` is true, items.length if none.
 * `from` must be false, then true, along the items (never true then false).
 */
export function firstIndexFrom<T>(items: ArrayLike<T>, from: (item: T) => boolean): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (from(items[mid])) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
