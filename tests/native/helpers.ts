// Shared by the native tests: a seeded PRNG, frame builders, and an exact
// comparison that names the first differing element.
import assert from 'node:assert/strict';
import { capabilities, planeShapes, type Frame, type PixelFormat } from '../../native/lib/index';
import type { SimdLevel } from '../../native/lib/types';

export { rng } from '../support/rng';

/** SIMD levels other than scalar that this CPU runs. */
export function simdLevels(): SimdLevel[] {
  return capabilities().available.filter((l) => l !== 'scalar');
}

/**
 * A frame filled with noise (gradients plus random bytes), with `pad` extra
 * bytes at the end of every row of every plane, and a little slack after.
 */
export function makeFrame(format: PixelFormat, width: number, height: number, pad: number, rand: () => number): Frame {
  const shapes = planeShapes(format, width, height);
  const planes = [];
  let offset = 3; // planes need not start at 0
  for (const s of shapes) {
    planes.push({ offset, stride: s.rowBytes + pad });
    offset += (s.rowBytes + pad) * s.rows;
  }
  const data = new Uint8Array(offset + 5);
  for (let i = 0; i < data.length; i++) data[i] = (i * 7 + Math.floor(rand() * 64)) & 255;
  return { format, width, height, data, planes };
}

export function assertSameFloats(actual: Float32Array, expected: Float32Array, what: string): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  const a = new Uint32Array(actual.buffer, actual.byteOffset, actual.length);
  const e = new Uint32Array(expected.buffer, expected.byteOffset, expected.length);
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== e[i]) assert.fail(`${what}: element ${i} is ${actual[i]}, expected ${expected[i]} (bit-exact)`);
  }
}

export function maxAbsDiff(a: Float32Array, b: Float32Array): { max: number; at: number } {
  let max = 0;
  let at = -1;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i] - b[i]);
    if (d > max || Number.isNaN(d)) [max, at] = [d, i];
  }
  return { max, at };
}
