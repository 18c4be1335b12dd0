// Cross-correlation of a frame with a signal at consecutive lags, in C++
// (kernels/xcorr): out[k] = sum over i of x[i] * y[first - k + i] for
// k = 0 .. count-1, products in double, the same bits at every SIMD level.
// The bleed test's inner loop (src-main/engine/bleed/bleed-detector.ts).
import { CandorError } from '../../src-main/contract/errors';
import { invalidParameterError } from '../../src-main/contract/validate';
import { loadNative } from './loader';

const MAX_X = 1 << 24;
const MAX_Y = 1 << 26;

export function xcorr(x: Float32Array, y: Float32Array, first: number, count: number, out: Float64Array): void {
  if (!(x instanceof Float32Array) || x.length > MAX_X) throw invalidParameterError('x', `a Float32Array of at most ${MAX_X} samples`, x);
  if (!(y instanceof Float32Array) || y.length > MAX_Y) throw invalidParameterError('y', `a Float32Array of at most ${MAX_Y} samples`, y);
  const most = y.length - x.length + 1; // one lag per window that fits in y
  if (!Number.isInteger(count) || count < 0 || count > Math.max(0, most)) throw invalidParameterError('count', `a whole number of lags from 0 to ${Math.max(0, most)}`, count);
  const lo = Math.max(0, count - 1);
  const hi = y.length - x.length;
  if (!Number.isInteger(first) || first < lo || first > hi) {
    throw invalidParameterError('first', `a whole number from ${lo} to ${hi} (every window inside y)`, first);
  }
  if (!(out instanceof Float64Array) || out.length < count) throw invalidParameterError('out', `a Float64Array of at least ${count} values`, out);
  try {
    loadNative().xcorr(x, y, first, count, out);
  } catch (err) {
    if (err instanceof CandorError) throw err;
    throw new CandorError('INTERNAL', `xcorr failed: ${(err as Error).message}`);
  }
}
