import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { capabilities, setSimdLevel, xcorr, type SimdLevel } from '../../native/lib/index';
import { referenceXcorr } from '../../native/lib/reference';
import { readMono16k } from '../../src-main/engine/audio/read-whole';
import { assertPresent, skipUnlessPresent } from '../support/shared-data';
import { SHARED_DATA } from '../support/tmp';
import { rng } from './helpers';

const caps = capabilities();
after(() => setSimdLevel(caps.best));

function sameBits(a: Float64Array, b: Float64Array, what: string): void {
  assert.equal(a.length, b.length);
  for (let i = 0; i < a.length; i++) assert.ok(Object.is(a[i], b[i]), `${what}: lag ${i} ${a[i]} != ${b[i]}`);
}

function at(level: SimdLevel, x: Float32Array, y: Float32Array, first: number, count: number): Float64Array {
  setSimdLevel(level);
  const out = new Float64Array(count);
  xcorr(x, y, first, count, out);
  return out;
}

describe('xcorr', () => {
  test('every SIMD level gives the bits of the plain TypeScript reference, tails included', () => {
    const rand = rng(11);
    for (const n of [0, 1, 3, 4, 7, 512, 513, 1000]) {
      const x = Float32Array.from({ length: n }, () => rand() * 2 - 1);
      const y = Float32Array.from({ length: n + 300 }, () => (rand() * 2 - 1) * 0.3);
      const count = 301;
      const want = new Float64Array(count);
      referenceXcorr(x, y, 300, count, want);
      for (const level of caps.available) sameBits(at(level, x, y, 300, count), want, `n=${n} ${level}`);
    }
  });

  test('on real speech: each lag is the product sum, and the level does not matter', { skip: skipUnlessPresent([join(SHARED_DATA, 'jfk.flac')]) }, async () => {
    const clip = join(SHARED_DATA, 'jfk.flac');
    assertPresent([clip]);
    const s = await readMono16k(clip);
    const x = s.subarray(16000, 16512);
    const y = s.subarray(16000 - 1280, 16512);
    const levels = caps.available.map((l) => at(l, x, y, 1280, 1281));
    for (const l of levels.slice(1)) sameBits(l, levels[0], 'levels');
    // lag 0 is the frame with itself: its energy, to double precision
    let e = 0;
    for (const v of x) e += v * v;
    assert.ok(Math.abs(levels[0][0] - e) <= 1e-12 * e);
  });

  test('a window outside the signal or a short output is refused before any native code runs', () => {
    const x = new Float32Array(8);
    const y = new Float32Array(20);
    assert.throws(() => xcorr(x, y, 13, 1, new Float64Array(1)), /first/); // y[13 .. 21) is past the end
    assert.throws(() => xcorr(x, y, 4, 6, new Float64Array(6)), /first/); // the last lag would start at -1
    assert.throws(() => xcorr(x, y, 12, 5, new Float64Array(4)), /out/);
    assert.throws(() => xcorr(x, y, 12, 1.5, new Float64Array(4)), /count/);
    const ok = new Float64Array(5);
    xcorr(x, y, 12, 5, ok);
  });
});
