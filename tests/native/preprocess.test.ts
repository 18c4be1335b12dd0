import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import {
  capabilities,
  loadNative,
  PIXEL_FORMATS,
  preprocess,
  Preprocessor,
  setSimdLevel,
  type Frame,
  type PreprocessOptions,
} from '../../native/lib/index';
import { referenceGeometry, referencePreprocess } from '../../native/lib/reference';
import { assertSameFloats, makeFrame, maxAbsDiff, rng, simdLevels } from './helpers';

const best = capabilities().best;
after(() => setSimdLevel(best));

function run(frame: Frame, o: PreprocessOptions): Float32Array {
  const out = new Float32Array(3 * o.width * o.height);
  preprocess(frame, o, out);
  return out;
}

/** Random frame + options; sizes include 1, odd, upscales and large downscales. */
function randomCase(rand: () => number, i: number): { frame: Frame; o: PreprocessOptions } {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const side = (): number => pick([1, 2, 3, 7, 16, 31, 64, 97, 240, 333]);
  const frame = makeFrame(PIXEL_FORMATS[i % 4], side(), side(), pick([0, 1, 3, 13, 64]), rand);
  const o: PreprocessOptions = {
    width: pick([1, 5, 17, 32, 64, 127]),
    height: pick([1, 4, 9, 32, 64, 100]),
    order: pick(['bgr', 'rgb'] as const),
    fit: pick(['letterbox', 'stretch'] as const),
    anchor: pick(['center', 'topLeft'] as const),
    resample: pick(['bilinear', 'area'] as const),
    mean: pick([0, [103.5, 116.25, 123.75] as [number, number, number]]),
    scale: pick([1, 1 / 255, [0.5, 0.25, 2] as [number, number, number]]),
    pad: pick([0, 114, [1, 2, 3] as [number, number, number]]),
    yuv: { matrix: pick(['bt601', 'bt709'] as const), range: pick(['limited', 'full'] as const) },
  };
  return { frame, o };
}

describe('preprocess: every SIMD path equals the scalar reference bit for bit', () => {
  test('400 random formats, sizes, strides, orders, fits and resamplers', () => {
    const rand = rng(1);
    for (let i = 0; i < 400; i++) {
      const { frame, o } = randomCase(rand, i);
      setSimdLevel('scalar');
      const expected = run(frame, o);
      for (const level of simdLevels()) {
        setSimdLevel(level);
        assertSameFloats(run(frame, o), expected, `case ${i} ${level} ${frame.format} ${frame.width}x${frame.height} -> ${JSON.stringify(o)}`);
      }
    }
  });

  test('1080p BGRA and NV12 to 320x320 (the screen-vision path)', () => {
    const rand = rng(2);
    for (const format of ['bgra', 'rgba', 'nv12', 'i420'] as const) {
      const frame = makeFrame(format, 1920, 1080, format === 'bgra' ? 256 : 0, rand);
      for (const resample of ['bilinear', 'area'] as const) {
        const o: PreprocessOptions = { width: 320, height: 320, resample };
        setSimdLevel('scalar');
        const expected = run(frame, o);
        for (const level of simdLevels()) {
          setSimdLevel(level);
          assertSameFloats(run(frame, o), expected, `${level} ${format} ${resample}`);
        }
      }
    }
  });
});

describe('preprocess: matches the plain TypeScript reference', () => {
  test('within 0.1 (packed) or 1.1 (YUV rounding) pixel levels, same geometry', () => {
    const rand = rng(3);
    setSimdLevel(best);
    for (let i = 0; i < 120; i++) {
      const { frame, o } = randomCase(rand, i);
      const out = new Float32Array(3 * o.width * o.height);
      const ref = new Float32Array(out.length);
      const g = preprocess(frame, o, out);
      assert.deepEqual(g, referencePreprocess(frame, o, ref));
      const scale = Array.isArray(o.scale) ? Math.max(...o.scale) : (o.scale ?? 1);
      const tol = (frame.format === 'bgra' || frame.format === 'rgba' ? 0.1 : 1.1) * scale;
      const { max, at } = maxAbsDiff(out, ref);
      assert.ok(max <= tol, `case ${i} ${frame.format}: |diff| ${max} > ${tol} at ${at} (${out[at]} vs ${ref[at]})`);
    }
  });
});

describe('preprocess: values and geometry', () => {
  const solid = (w: number, h: number, px: number[]): Frame => ({
    format: 'bgra',
    width: w,
    height: h,
    data: new Uint8Array(w * h * 4).map((_, i) => px[i % 4]),
  });

  test('channel order, mean and scale', () => {
    const f = solid(8, 8, [10, 20, 30, 255]);
    const bgr = run(f, { width: 2, height: 2, fit: 'stretch' });
    assert.deepEqual([bgr[0], bgr[4], bgr[8]], [10, 20, 30]);
    const rgb = run(f, { width: 2, height: 2, fit: 'stretch', order: 'rgb', mean: [1, 2, 3], scale: [2, 0.5, 1] });
    assert.deepEqual([rgb[0], rgb[4], rgb[8]], [(30 - 1) * 2, (20 - 2) * 0.5, 10 - 3]);
    const fromRgba = run({ ...f, format: 'rgba' }, { width: 2, height: 2, fit: 'stretch' });
    assert.deepEqual([fromRgba[0], fromRgba[4], fromRgba[8]], [30, 20, 10]);
  });

  test('letterbox geometry, anchor and pad value', () => {
    const f = solid(1920, 1080, [50, 60, 70, 255]);
    const out = new Float32Array(3 * 320 * 320);
    const g = preprocess(f, { width: 320, height: 320, pad: 114, scale: 1 / 255 }, out);
    assert.deepEqual(g, { scaleX: 1 / 6, scaleY: 1 / 6, offsetX: 0, offsetY: 70, contentWidth: 320, contentHeight: 180 });
    assert.equal(out[0], Math.fround(114 * Math.fround(1 / 255)));
    assert.equal(out[69 * 320], Math.fround(114 * Math.fround(1 / 255)));
    assert.equal(out[70 * 320], Math.fround(50 * Math.fround(1 / 255)));
    assert.equal(out[250 * 320 - 1], Math.fround(50 * Math.fround(1 / 255)));
    assert.equal(out[250 * 320], Math.fround(114 * Math.fround(1 / 255)));
    const top = preprocess(f, { width: 320, height: 320, anchor: 'topLeft' }, out);
    assert.deepEqual([top.offsetX, top.offsetY], [0, 0]);
    const stretch = preprocess(f, { width: 320, height: 320, fit: 'stretch' }, out);
    assert.deepEqual(stretch, { scaleX: 320 / 1920, scaleY: 320 / 1080, offsetX: 0, offsetY: 0, contentWidth: 320, contentHeight: 320 });
    assert.deepEqual(referenceGeometry(1080, 1920, { width: 320, height: 320 }).offsetX, 70);
  });

  test('YUV: limited-range black and white, full-range grey', () => {
    const nv12 = (y: number, u: number, v: number): Frame => ({
      format: 'nv12', width: 4, height: 2, data: new Uint8Array([y, y, y, y, y, y, y, y, u, v, u, v]),
    });
    const o: PreprocessOptions = { width: 1, height: 1, fit: 'stretch' };
    assert.deepEqual([...run(nv12(235, 128, 128), o)], [255, 255, 255]);
    assert.deepEqual([...run(nv12(16, 128, 128), o)], [0, 0, 0]);
    assert.deepEqual([...run(nv12(100, 128, 128), { ...o, yuv: { range: 'full' } })], [100, 100, 100]);
    const i420: Frame = { format: 'i420', width: 2, height: 2, data: new Uint8Array([81, 81, 81, 81, 90, 240]) };
    const red = run(i420, o); // BT.601 limited red: B, G, R
    assert.ok(red[0] <= 1 && red[1] <= 1 && red[2] >= 254, `red came out as ${[...red]}`);
  });

  test('a Preprocessor reused across frames and geometries keeps no state from earlier frames', () => {
    const rand = rng(4);
    const p = new Preprocessor({ width: 64, height: 48, resample: 'area' });
    const a = makeFrame('bgra', 200, 100, 8, rand);
    const b = makeFrame('bgra', 200, 100, 8, rand);
    const c = makeFrame('i420', 99, 77, 0, rand);
    const out = new Float32Array(p.outputLength);
    for (const f of [a, b, c, a]) {
      p.run(f, out);
      assertSameFloats(out, run(f, { width: 64, height: 48, resample: 'area' }), `${f.format} ${f.width}`);
    }
  });
});

describe('preprocess: bad arguments', () => {
  const ok: Frame = { format: 'bgra', width: 4, height: 4, data: new Uint8Array(64) };
  const o: PreprocessOptions = { width: 4, height: 4 };
  const out = new Float32Array(48);
  const cases: [string, () => unknown, string][] = [
    ['frame', () => preprocess(null as never, o, out), 'Expected an object for frame but received null'],
    ['format', () => preprocess({ ...ok, format: 'yuy2' as never }, o, out), 'Expected one of bgra, rgba, nv12, i420 for frame.format but received "yuy2"'],
    ['width', () => preprocess({ ...ok, width: 0 }, o, out), 'Expected an integer between 1 and 16384 for frame.width but received number 0'],
    ['height', () => preprocess({ ...ok, height: 2.5 }, o, out), 'Expected an integer between 1 and 16384 for frame.height but received number 2.5'],
    ['data type', () => preprocess({ ...ok, data: new Float32Array(64) as never }, o, out), 'Expected a Uint8Array or Buffer for frame.data but received a Float32Array of length 64'],
    ['clamped', () => preprocess({ ...ok, data: new Uint8ClampedArray(64) as never }, o, out), 'Expected a Uint8Array or Buffer for frame.data but received a Uint8ClampedArray of length 64'],
    ['stride', () => preprocess({ ...ok, stride: 15 }, o, out), 'Expected an integer between 16 and 2147483647 for frame.stride but received number 15'],
    ['short', () => preprocess({ ...ok, data: new Uint8Array(63) }, o, out), 'Expected a Uint8Array of at least 64 bytes (4x4 bgra, this plane layout) for frame.data but received a Uint8Array of length 63'],
    ['stride short', () => preprocess({ ...ok, stride: 20 }, o, out), 'Expected a Uint8Array of at least 76 bytes (4x4 bgra, this plane layout) for frame.data but received a Uint8Array of length 64'],
    ['nv12 short', () => preprocess({ format: 'nv12', width: 5, height: 3, data: new Uint8Array(26) }, o, out), 'Expected a Uint8Array of at least 27 bytes (5x3 nv12, this plane layout) for frame.data but received a Uint8Array of length 26'],
    ['i420 short', () => preprocess({ format: 'i420', width: 5, height: 3, data: new Uint8Array(26) }, o, out), 'Expected a Uint8Array of at least 27 bytes (5x3 i420, this plane layout) for frame.data but received a Uint8Array of length 26'],
    ['plane count', () => preprocess({ format: 'nv12', width: 4, height: 4, data: new Uint8Array(24), planes: [{ offset: 0, stride: 4 }] }, o, out), 'Expected an array of 2 plane layouts for nv12 for frame.planes but received an array of length 1'],
    ['plane stride', () => preprocess({ format: 'i420', width: 4, height: 4, data: new Uint8Array(24), planes: [{ offset: 0, stride: 4 }, { offset: 16, stride: 1 }, { offset: 20, stride: 2 }] }, o, out), 'Expected an integer between 2 and 2147483647 for frame.planes[1].stride but received number 1'],
    ['plane offset', () => preprocess({ format: 'i420', width: 4, height: 4, data: new Uint8Array(24), planes: [{ offset: 0, stride: 4 }, { offset: 16, stride: 2 }, { offset: 21, stride: 2 }] }, o, out), 'Expected a Uint8Array of at least 25 bytes (4x4 i420, this plane layout) for frame.data but received a Uint8Array of length 24'],
    ['both', () => preprocess({ ...ok, stride: 16, planes: [{ offset: 0, stride: 16 }] }, o, out), 'Expected undefined when frame.planes is given for frame.stride but received number 16'],
    ['options', () => preprocess(ok, 'big' as never, out), 'Expected an object for options but received "big"'],
    ['out width', () => preprocess(ok, { width: 0, height: 4 }, out), 'Expected an integer between 1 and 16384 for options.width but received number 0'],
    ['order', () => preprocess(ok, { ...o, order: 'gbr' as never }, out), 'Expected one of bgr, rgb for options.order but received "gbr"'],
    ['fit', () => preprocess(ok, { ...o, fit: 'cover' as never }, out), 'Expected one of letterbox, stretch for options.fit but received "cover"'],
    ['resample', () => preprocess(ok, { ...o, resample: 'cubic' as never }, out), 'Expected one of bilinear, area for options.resample but received "cubic"'],
    ['mean', () => preprocess(ok, { ...o, mean: [1, 2] as never }, out), 'Expected a finite number or an array of 3 finite numbers for options.mean but received an array of length 2'],
    ['scale', () => preprocess(ok, { ...o, scale: Number.NaN }, out), 'Expected a finite number or an array of 3 finite numbers for options.scale but received number NaN'],
    ['yuv', () => preprocess(ok, { ...o, yuv: { matrix: 'bt2020' as never } }, out), 'Expected one of bt601, bt709 for options.yuv.matrix but received "bt2020"'],
    ['output', () => preprocess(ok, o, new Float32Array(47)), 'Expected a Float32Array of length 48 (3 x 4 x 4) for output but received a Float32Array of length 47'],
    ['output type', () => preprocess(ok, o, new Float64Array(48) as never), 'Expected a Float32Array of length 48 (3 x 4 x 4) for output but received a Float64Array of length 48'],
  ];
  for (const [name, fn, message] of cases) {
    test(name, () => assert.throws(fn, { name: 'CandorError', code: 'BAD_ARGUMENT', message }));
  }

  test('the raw binding rejects lying batons with an Error instead of reading out of bounds', () => {
    const raw = loadNative();
    const baton = { format: 0, width: 4, height: 4, data: new Uint8Array(64), offset0: 0, stride0: 16, offset1: 0, stride1: 0, offset2: 0, stride2: 0 };
    const opts = { width: 4, height: 4, rgb: false, letterbox: true, center: true, area: false, bt709: false, fullRange: false, mean: new Float32Array(3), scale: new Float32Array(3), pad: new Float32Array(3) };
    assert.doesNotThrow(() => raw.preprocess(baton, opts, out));
    assert.throws(() => raw.preprocess({ ...baton, stride0: 17 }, opts, out), /^Error: candor_native: plane does not fit in data$/);
    assert.throws(() => raw.preprocess({ ...baton, height: 5 }, opts, out), /plane does not fit in data/);
    assert.throws(() => raw.preprocess({ ...baton, format: 3 }, opts, out), /plane does not fit in data|out of range/);
    assert.throws(() => raw.preprocess(baton, opts, new Float32Array(47)), /out is too short/);
    assert.throws(() => raw.preprocess(baton, { ...opts, mean: [0, 0, 0] as never }, out), /mean has the wrong type/);
    assert.throws(() => (raw.preprocess as (...a: unknown[]) => unknown)(), /frame must be an object/);
  });
});
