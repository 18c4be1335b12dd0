// The one binary search: the first index from which a test holds, checked
// against a plain scan on many random sorted arrays (ties, empty, all, none).
import assert from 'node:assert/strict';
import test from 'node:test';
import { firstIndexFrom } from '../../src-main/contract/sorted-search';
import { rng } from '../support/rng';

const scan = <T>(xs: ArrayLike<T>, from: (x: T) => boolean): number => {
  for (let i = 0; i < xs.length; i++) if (from(xs[i])) return i;
  return xs.length;
};

test('the first index from which the test holds, as a scan finds it', () => {
  const r = rng(7);
  for (let n = 0; n < 40; n++) {
    for (let k = 0; k < 20; k++) {
      const xs = Array.from({ length: n }, () => Math.floor(r() * 10)).sort((a, b) => a - b); // many ties
      const t = Math.floor(r() * 12) - 1;
      assert.equal(firstIndexFrom(xs, (x) => x >= t), scan(xs, (x) => x >= t), `>= ${t} in [${xs}]`);
      assert.equal(firstIndexFrom(xs, (x) => x > t), scan(xs, (x) => x > t), `> ${t} in [${xs}]`);
    }
  }
});

test('none, all, empty, and typed arrays', () => {
  assert.equal(firstIndexFrom([], () => true), 0);
  assert.equal(firstIndexFrom([1, 2, 3], () => false), 3, 'none: the length');
  assert.equal(firstIndexFrom([1, 2, 3], () => true), 0, 'all: the first');
  assert.equal(firstIndexFrom(new Float64Array([0.1, 0.5, 0.9, 1]), (c) => c >= 0.5), 1);
});

test('objects in time order: the line being said is the one before the first that starts later', () => {
  const lines = [{ start: 0 }, { start: 4 }, { start: 4 }, { start: 9 }];
  assert.equal(firstIndexFrom(lines, (l) => l.start > 4) - 1, 2);
  assert.equal(firstIndexFrom(lines, (l) => l.start > -1) - 1, -1);
  assert.equal(firstIndexFrom(lines, (l) => l.start > 100) - 1, 3);
});
