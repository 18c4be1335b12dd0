// Plain TypeScript versions of what the addon computes, in float64 without
// fixed point. Tests compare the addon against them (within stated
// tolerances); bench/vision.ts uses them as the "plain TypeScript" baseline.
// Not for production use: no validation, and several times slower.
import type { Frame, PreprocessOptions, Triple } from './preprocess';
import { planeShapes } from './preprocess';
import type { Geometry } from './types';

export interface RefAxis {
  taps: number;
  start: Int32Array;
  weights: Float64Array; // dstN * taps
}

/** Same sampling positions as native/src/resample_plan.cc, unquantised. */
export function referenceAxis(srcN: number, dstN: number, resample: 'bilinear' | 'area'): RefAxis {
  const inv = srcN / dstN;
  const lists: { lo: number; w: number[] }[] = [];
  for (let d = 0; d < dstN; d++) {
    if (resample === 'bilinear') {
      const s = (d + 0.5) * inv - 0.5;
      let i0 = Math.floor(s);
      let f = s - i0;
      if (i0 < 0) [i0, f] = [0, 0];
      if (i0 >= srcN - 1) [i0, f] = [srcN - 1, 0];
      lists.push({ lo: i0, w: i0 + 1 < srcN ? [1 - f, f] : [1 - f] });
    } else {
      const a = d * inv;
      const b = Math.min((d + 1) * inv, srcN);
      const lo = Math.min(Math.floor(a), srcN - 1);
      const hi = Math.max(lo, Math.min(Math.ceil(b) - 1, srcN - 1));
      const w: number[] = [];
      for (let i = lo; i <= hi; i++) w.push(Math.max(Math.min(b, i + 1) - Math.max(a, i), 0) / (b - a));
      lists.push({ lo, w });
    }
  }
  const taps = Math.min(srcN, Math.max(1, ...lists.map((l) => l.w.length)));
  const start = new Int32Array(dstN);
  const weights = new Float64Array(dstN * taps);
  lists.forEach((l, d) => {
    start[d] = Math.min(l.lo, srcN - taps);
    const sum = l.w.reduce((x, y) => x + y, 0);
    l.w.forEach((w, k) => (weights[d * taps + l.lo + k - start[d]] = w / sum));
  });
  return { taps, start, weights };
}

export function referenceGeometry(srcW: number, srcH: number, o: PreprocessOptions): Geometry {
  let cw = o.width;
  let ch = o.height;
  let ox = 0;
  let oy = 0;
  if ((o.fit ?? 'letterbox') === 'letterbox') {
    const s = Math.min(o.width / srcW, o.height / srcH);
    cw = Math.min(Math.max(Math.round(srcW * s), 1), o.width);
    ch = Math.min(Math.max(Math.round(srcH * s), 1), o.height);
    if ((o.anchor ?? 'center') === 'center') {
      ox = Math.floor((o.width - cw) / 2);
      oy = Math.floor((o.height - ch) / 2);
    }
  }
  return { scaleX: cw / srcW, scaleY: ch / srcH, offsetX: ox, offsetY: oy, contentWidth: cw, contentHeight: ch };
}

function triple(v: Triple | undefined, fallback: number): number[] {
  return v === undefined ? [fallback, fallback, fallback] : typeof v === 'number' ? [v, v, v] : [...v];
}

/** Float YUV -> BGRX bytes for the whole frame (same matrices as the addon, rounded to bytes). */
export function referenceYuvToBgrx(frame: Frame, matrix: 'bt601' | 'bt709' = 'bt601', range: 'limited' | 'full' = 'limited'): Uint8Array {
  const { width: w, height: h, data } = frame;
  const shapes = planeShapes(frame.format, w, h);
  const layout = frame.planes ?? [{ offset: 0, stride: frame.stride ?? w }];
  if (!frame.planes) {
    let next = layout[0].stride * h;
    for (const s of shapes.slice(1)) {
      layout.push({ offset: next, stride: s.rowBytes });
      next += s.rowBytes * s.rows;
    }
  }
  const [kr, kb] = matrix === 'bt709' ? [0.2126, 0.0722] : [0.299, 0.114];
  const kg = 1 - kr - kb;
  const full = range === 'full';
  const ys = full ? 1 : 255 / 219;
  const cs = full ? 1 : 255 / 224;
  const clamp = (v: number): number => Math.min(255, Math.max(0, Math.round(v)));
  const out = new Uint8Array(w * h * 4);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const Y = data[layout[0].offset + y * layout[0].stride + x];
      let U: number;
      let V: number;
      const cy = y >> 1;
      const cx = x >> 1;
      if (frame.format === 'nv12') {
        U = data[layout[1].offset + cy * layout[1].stride + cx * 2];
        V = data[layout[1].offset + cy * layout[1].stride + cx * 2 + 1];
      } else {
        U = data[layout[1].offset + cy * layout[1].stride + cx];
        V = data[layout[2].offset + cy * layout[2].stride + cx];
      }
      const yy = (Y - (full ? 0 : 16)) * ys;
      const u = (U - 128) * cs;
      const v = (V - 128) * cs;
      const i = (y * w + x) * 4;
      out[i] = clamp(yy + 2 * (1 - kb) * u);
      out[i + 1] = clamp(yy - ((2 * (1 - kb) * kb) / kg) * u - ((2 * (1 - kr) * kr) / kg) * v);
      out[i + 2] = clamp(yy + 2 * (1 - kr) * v);
      out[i + 3] = 255;
    }
  }
  return out;
}

/** The addon's preprocess() in plain TypeScript (float64 maths). */
export function referencePreprocess(frame: Frame, o: PreprocessOptions, out: Float32Array): Geometry {
  const { width: sw, height: sh } = frame;
  const g = referenceGeometry(sw, sh, o);
  const packed = frame.format === 'bgra' || frame.format === 'rgba';
  const src = packed ? frame.data : referenceYuvToBgrx(frame, o.yuv?.matrix, o.yuv?.range);
  const stride = packed ? (frame.planes?.[0].stride ?? frame.stride ?? sw * 4) : sw * 4;
  const base = packed ? (frame.planes?.[0].offset ?? 0) : 0;
  const bgrSource = frame.format !== 'rgba';
  const rgbOut = (o.order ?? 'bgr') === 'rgb';
  const mean = triple(o.mean, 0);
  const scale = triple(o.scale, 1);
  const pad = triple(o.pad, 0);
  const plane = [0, 1, 2].map((c) => (bgrSource !== rgbOut ? c : 2 - c)); // source channel -> output plane
  const W = o.width;
  const H = o.height;
  for (let p = 0; p < 3; p++) out.fill((pad[p] - mean[p]) * scale[p], p * W * H, (p + 1) * W * H);
  const ax = referenceAxis(sw, g.contentWidth, o.resample ?? 'bilinear');
  const ay = referenceAxis(sh, g.contentHeight, o.resample ?? 'bilinear');
  const acc = [0, 0, 0];
  for (let y = 0; y < g.contentHeight; y++) {
    for (let x = 0; x < g.contentWidth; x++) {
      acc[0] = acc[1] = acc[2] = 0;
      for (let ky = 0; ky < ay.taps; ky++) {
        const wy = ay.weights[y * ay.taps + ky];
        if (wy === 0) continue;
        const row = base + (ay.start[y] + ky) * stride;
        for (let kx = 0; kx < ax.taps; kx++) {
          const w = wy * ax.weights[x * ax.taps + kx];
          const i = row + (ax.start[x] + kx) * 4;
          acc[0] += src[i] * w;
          acc[1] += src[i + 1] * w;
          acc[2] += src[i + 2] * w;
        }
      }
      const at = (g.offsetY + y) * W + g.offsetX + x;
      for (let c = 0; c < 3; c++) {
        const p = plane[c];
        out[p * W * H + at] = (acc[c] - mean[p]) * scale[p];
      }
    }
  }
  return g;
}

/**
 * Greedy NMS exactly as the addon defines it, with float32 rounding at each
 * step (Math.fround), so results match bit for bit. Returns kept indices.
 */
export function referenceNms(
  boxes: Float32Array,
  scores: Float32Array,
  o: { iouThreshold: number; scoreThreshold?: number; topK?: number },
  maxKeep = Infinity,
): number[] {
  const f = Math.fround;
  const thr = f(o.iouThreshold);
  const sthr = f(o.scoreThreshold ?? -3.4e38);
  const order: number[] = [];
  for (let i = 0; i < scores.length; i++) if (scores[i] >= sthr) order.push(i);
  order.sort((a, b) => scores[b] - scores[a] || a - b);
  order.length = Math.min(order.length, o.topK ?? Infinity);
  const removed = new Uint8Array(order.length);
  const keep: number[] = [];
  for (let i = 0; i < order.length && keep.length < maxKeep; i++) {
    if (removed[i]) continue;
    const a = order[i] * 4;
    keep.push(order[i]);
    const ax2 = f(boxes[a] + boxes[a + 2]);
    const ay2 = f(boxes[a + 1] + boxes[a + 3]);
    const aArea = f(boxes[a + 2] * boxes[a + 3]);
    for (let j = i + 1; j < order.length; j++) {
      if (removed[j]) continue;
      const b = order[j] * 4;
      const iw = Math.max(0, f(Math.min(ax2, f(boxes[b] + boxes[b + 2])) - Math.max(boxes[a], boxes[b])));
      const ih = Math.max(0, f(Math.min(ay2, f(boxes[b + 1] + boxes[b + 3])) - Math.max(boxes[a + 1], boxes[b + 1])));
      const inter = f(iw * ih);
      const uni = f(f(aArea + f(boxes[b + 2] * boxes[b + 3])) - inter);
      if (inter > f(thr * uni)) removed[j] = 1;
    }
  }
  return keep;
}

/**
 * The cross-correlation of kernels/xcorr in plain TypeScript, the same
 * additions in the same order (four interleaved sums of exact double
 * products, combined as (s0 + s1) + (s2 + s3)): the same bits as every SIMD
 * level. out[k] = sum over i of x[i] * y[first - k + i].
 */
export function referenceXcorr(x: Float32Array, y: Float32Array, first: number, count: number, out: Float64Array): void {
  const n = x.length;
  const whole = n - (n % 4);
  for (let k = 0; k < count; k++) {
    const o = first - k;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let i = 0;
    for (; i < whole; i += 4) {
      s0 += x[i] * y[o + i];
      s1 += x[i + 1] * y[o + i + 1];
      s2 += x[i + 2] * y[o + i + 2];
      s3 += x[i + 3] * y[o + i + 3];
    }
    if (i < n) s0 += x[i] * y[o + i];
    if (i + 1 < n) s1 += x[i + 1] * y[o + i + 1];
    if (i + 2 < n) s2 += x[i + 2] * y[o + i + 2];
    out[k] = (s0 + s1) + (s2 + s3);
  }
}
