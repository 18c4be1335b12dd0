// Convert + resize + normalise a video frame into a planar float32 NCHW
// tensor (N = 1, C = 3), written into a caller-owned Float32Array that can be
// handed to onnxruntime-node as a Tensor's data without a copy.
//
//   out[c][y][x] = (pixel_c - mean[c]) * scale[c]     (c in output order)
//
// Every argument is validated here, with one message format, before C++ sees
// it; C++ re-checks bounds only as a last line of defence.
import { CandorError } from '../../src-main/contract/errors';
import {
  expectInteger,
  expectObject,
  expectOneOf,
  invalidParameterError,
  is,
} from '../../src-main/contract/validate';
import { loadNative } from './loader';
import type { Geometry, RawFrame, RawPreprocessOptions } from './types';

export const PIXEL_FORMATS = ['bgra', 'rgba', 'nv12', 'i420'] as const;
export type PixelFormat = (typeof PIXEL_FORMATS)[number];
export const MAX_SIDE = 16384;
const MAX_STRIDE = 2 ** 31 - 1;

export interface PlaneLayout {
  /** Byte offset of the plane's first row in `data`. */
  offset: number;
  /** Bytes from one row to the next (>= the row's own bytes). */
  stride: number;
}

export interface Frame {
  format: PixelFormat;
  width: number;
  height: number;
  data: Uint8Array;
  /** Row stride of the first plane (BGRA/RGBA: the only plane; NV12/I420: Y). Default: tight. */
  stride?: number;
  /**
   * Explicit layout of every plane (1 for BGRA/RGBA, 2 for NV12: Y, UV; 3 for
   * I420: Y, U, V). Default: planes packed one after another, chroma rows
   * tight. Give either `stride` or `planes`, not both.
   */
  planes?: PlaneLayout[];
}

export type Triple = number | [number, number, number];

export interface PreprocessOptions {
  /** Output tensor width and height. */
  width: number;
  height: number;
  /** Output channel order. Default 'bgr' (YuNet, OpenCV models). */
  order?: 'bgr' | 'rgb';
  /** Per output channel, applied as (x - mean) * scale on 0..255 values. Default 0 and 1. */
  mean?: Triple;
  scale?: Triple;
  /** 'letterbox' keeps the aspect ratio and pads; 'stretch' fills the output. Default 'letterbox'. */
  fit?: 'letterbox' | 'stretch';
  /** Where letterboxed content sits. Default 'center'. */
  anchor?: 'center' | 'topLeft';
  /** Padding as a raw pixel value 0..255 (normalised like pixels). Default 0. */
  pad?: Triple;
  /** Default 'bilinear' (as OpenCV INTER_LINEAR); 'area' averages (better for large downscales). */
  resample?: 'bilinear' | 'area';
  /** NV12/I420 only. Default BT.601 limited range. */
  yuv?: { matrix?: 'bt601' | 'bt709'; range?: 'limited' | 'full' };
}

interface PlaneShape {
  rowBytes: number;
  rows: number;
}

/** Bytes per row and rows of each plane of a frame. */
export function planeShapes(format: PixelFormat, width: number, height: number): PlaneShape[] {
  const cw = Math.ceil(width / 2);
  const ch = Math.ceil(height / 2);
  switch (format) {
    case 'bgra':
    case 'rgba':
      return [{ rowBytes: width * 4, rows: height }];
    case 'nv12':
      return [{ rowBytes: width, rows: height }, { rowBytes: cw * 2, rows: ch }];
    case 'i420':
      return [{ rowBytes: width, rows: height }, { rowBytes: cw, rows: ch }, { rowBytes: cw, rows: ch }];
  }
}

/** The number of floats an output of this size needs: 3 * width * height. */
export function tensorLength(width: number, height: number): number {
  return 3 * width * height;
}

function isTypedArray(v: unknown, tag: string): boolean {
  return ArrayBuffer.isView(v) && (v as unknown as { [Symbol.toStringTag]: string })[Symbol.toStringTag] === tag;
}

function triple(v: unknown, name: string, fallback: number): Float32Array {
  if (v === undefined) return new Float32Array([fallback, fallback, fallback]);
  if (is.number(v)) return new Float32Array([v, v, v]);
  if (Array.isArray(v) && v.length === 3 && v.every((x) => is.number(x))) return new Float32Array(v as number[]);
  throw invalidParameterError(name, 'a finite number or an array of 3 finite numbers', v);
}

function optionalOneOf<T extends string>(v: unknown, list: readonly T[], name: string, fallback: T): T {
  return v === undefined ? fallback : expectOneOf(v, list, name);
}

function validateLayout(frame: Record<string, unknown>, format: PixelFormat, width: number, height: number, data: Uint8Array): PlaneLayout[] {
  const shapes = planeShapes(format, width, height);
  let layout: PlaneLayout[];
  if (frame.planes !== undefined) {
    if (frame.stride !== undefined) {
      throw invalidParameterError('frame.stride', 'undefined when frame.planes is given', frame.stride);
    }
    const planes = frame.planes;
    if (!Array.isArray(planes) || planes.length !== shapes.length) {
      throw invalidParameterError('frame.planes', `an array of ${shapes.length} plane layouts for ${format}`, planes);
    }
    layout = planes.map((p: unknown, i) => {
      const o = expectObject(p, `frame.planes[${i}]`);
      return {
        offset: expectInteger(o.offset, `frame.planes[${i}].offset`, 0, data.length),
        stride: expectInteger(o.stride, `frame.planes[${i}].stride`, shapes[i].rowBytes, MAX_STRIDE),
      };
    });
  } else {
    const stride0 =
      frame.stride === undefined ? shapes[0].rowBytes : expectInteger(frame.stride, 'frame.stride', shapes[0].rowBytes, MAX_STRIDE);
    layout = [{ offset: 0, stride: stride0 }];
    let next = stride0 * height;
    for (const s of shapes.slice(1)) {
      layout.push({ offset: next, stride: s.rowBytes });
      next += s.rowBytes * s.rows;
    }
  }
  let needed = 0;
  shapes.forEach((s, i) => {
    needed = Math.max(needed, layout[i].offset + layout[i].stride * (s.rows - 1) + s.rowBytes);
  });
  if (data.length < needed) {
    throw invalidParameterError(
      'frame.data',
      `a Uint8Array of at least ${needed} bytes (${width}x${height} ${format}, this plane layout)`,
      data,
    );
  }
  return layout;
}

/** Validates a frame and flattens it into the native baton. */
export function toRawFrame(frame: unknown): RawFrame {
  const f = expectObject(frame, 'frame');
  const format = expectOneOf(f.format, PIXEL_FORMATS, 'frame.format');
  const width = expectInteger(f.width, 'frame.width', 1, MAX_SIDE);
  const height = expectInteger(f.height, 'frame.height', 1, MAX_SIDE);
  if (!isTypedArray(f.data, 'Uint8Array')) throw invalidParameterError('frame.data', 'a Uint8Array or Buffer', f.data);
  const data = f.data as Uint8Array;
  const layout = validateLayout(f, format, width, height, data);
  const at = (i: number): PlaneLayout => layout[i] ?? { offset: 0, stride: 0 };
  return {
    format: PIXEL_FORMATS.indexOf(format),
    width,
    height,
    data,
    offset0: at(0).offset,
    stride0: at(0).stride,
    offset1: at(1).offset,
    stride1: at(1).stride,
    offset2: at(2).offset,
    stride2: at(2).stride,
  };
}

/** Validates options once; run() then validates only the frame and output. */
export class Preprocessor {
  readonly width: number;
  readonly height: number;
  private readonly raw: RawPreprocessOptions;

  constructor(options: PreprocessOptions) {
    const o = expectObject(options, 'options');
    this.width = expectInteger(o.width, 'options.width', 1, MAX_SIDE);
    this.height = expectInteger(o.height, 'options.height', 1, MAX_SIDE);
    const yuv = o.yuv === undefined ? {} : expectObject(o.yuv, 'options.yuv');
    this.raw = {
      width: this.width,
      height: this.height,
      rgb: optionalOneOf(o.order, ['bgr', 'rgb'] as const, 'options.order', 'bgr') === 'rgb',
      letterbox: optionalOneOf(o.fit, ['letterbox', 'stretch'] as const, 'options.fit', 'letterbox') === 'letterbox',
      center: optionalOneOf(o.anchor, ['center', 'topLeft'] as const, 'options.anchor', 'center') === 'center',
      area: optionalOneOf(o.resample, ['bilinear', 'area'] as const, 'options.resample', 'bilinear') === 'area',
      bt709: optionalOneOf(yuv.matrix, ['bt601', 'bt709'] as const, 'options.yuv.matrix', 'bt601') === 'bt709',
      fullRange: optionalOneOf(yuv.range, ['limited', 'full'] as const, 'options.yuv.range', 'limited') === 'full',
      mean: triple(o.mean, 'options.mean', 0),
      scale: triple(o.scale, 'options.scale', 1),
      pad: triple(o.pad, 'options.pad', 0),
    };
  }

  /** The Float32Array length run() expects: 3 * width * height. */
  get outputLength(): number {
    return tensorLength(this.width, this.height);
  }

  run(frame: Frame, output: Float32Array): Geometry {
    const raw = toRawFrame(frame);
    const n = this.outputLength;
    if (!isTypedArray(output, 'Float32Array') || output.length !== n) {
      throw invalidParameterError('output', `a Float32Array of length ${n} (3 x ${this.height} x ${this.width})`, output);
    }
    try {
      return loadNative().preprocess(raw, this.raw, output);
    } catch (err) {
      if (err instanceof CandorError) throw err;
      throw new CandorError('INTERNAL', `preprocess failed: ${(err as Error).message}`);
    }
  }
}

/** One-off form of Preprocessor: validates everything, writes `output`, returns the geometry. */
export function preprocess(frame: Frame, options: PreprocessOptions, output: Float32Array): Geometry {
  return new Preprocessor(options).run(frame, output);
}
