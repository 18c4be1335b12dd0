// YuNet post-processing in C++: decode the per-stride outputs into boxes,
// five landmarks and scores (score = sqrt(cls * obj), as OpenCV's
// FaceDetectorYN), run NMS, and map everything back to source pixels.
//
// Outputs of yunet_n_320_320.onnx and yunet_n_dynamic.onnx (checked with
// onnxruntime-node): cls_8/16/32 and obj_* [1, cells, 1], bbox_* [1, cells, 4],
// kps_* [1, cells, 10], where cells = (H / stride) * (W / stride).
// Landmarks: right eye, left eye, nose tip, right and left mouth corner
// (the subject's right/left: the right eye is usually the one on the image's left).
import { CandorError } from '../../src-main/contract/errors';
import { expectInteger, expectNumber, expectObject, invalidParameterError } from '../../src-main/contract/validate';
import { loadNative } from './loader';

export const YUNET_STRIDES = [8, 16, 32] as const;
export const YUNET_OUTPUT_NAMES = ['cls', 'obj', 'bbox', 'kps'].flatMap((k) =>
  YUNET_STRIDES.map((s) => `${k}_${s}`),
) as readonly string[];
const FLOATS_PER_CELL: Record<string, number> = { cls: 1, obj: 1, bbox: 4, kps: 10 };

/** Floats per decoded face in the output buffer. */
export const FACE_FLOATS = 15;

export interface YunetDecodeOptions {
  /** Model input size (multiples of 32). */
  inputWidth: number;
  inputHeight: number;
  /** Default 0.6. */
  scoreThreshold?: number;
  /** IoU above which the lower-scored box is dropped. Default 0.3. */
  nmsThreshold?: number;
  /** Candidates kept before NMS. Default 5000. */
  topK?: number;
  /** Maps model-input pixels back to the source: xSrc = (x - offsetX) / scaleX (from preprocess()). */
  transform?: { scaleX: number; scaleY: number; offsetX: number; offsetY: number };
}

export interface DecodedFace {
  /** [x, y, width, height] in source pixels. */
  box: [number, number, number, number];
  score: number;
  /** Right eye, left eye, nose tip, right mouth corner, left mouth corner. */
  landmarks: [number, number][];
}

/** A Float32Array output, or an onnxruntime Tensor holding one. */
export type YunetOutput = Float32Array | { data: unknown };

function outputArray(v: unknown, name: string, length: number): Float32Array {
  const data = ArrayBuffer.isView(v) ? v : (v as { data?: unknown } | undefined)?.data;
  if (!(data instanceof Float32Array) || data.length !== length) {
    throw invalidParameterError(name, `a Float32Array of length ${length}`, data ?? v);
  }
  return data;
}

/**
 * Decodes into `out` (FACE_FLOATS floats per face: x, y, w, h, 5 x (x, y),
 * score; best first). Returns the number of faces written, at most
 * out.length / FACE_FLOATS.
 */
export function yunetDecode(outputs: Record<string, YunetOutput>, options: YunetDecodeOptions, out: Float32Array): number {
  const o = expectObject(options, 'options');
  const inputWidth = expectInteger(o.inputWidth, 'options.inputWidth', 32, 16384);
  const inputHeight = expectInteger(o.inputHeight, 'options.inputHeight', 32, 16384);
  if (inputWidth % 32 !== 0) throw invalidParameterError('options.inputWidth', 'a multiple of 32', inputWidth);
  if (inputHeight % 32 !== 0) throw invalidParameterError('options.inputHeight', 'a multiple of 32', inputHeight);
  const t = o.transform === undefined ? { scaleX: 1, scaleY: 1, offsetX: 0, offsetY: 0 } : expectObject(o.transform, 'options.transform');
  const raw = {
    inputWidth,
    inputHeight,
    scoreThreshold: o.scoreThreshold === undefined ? 0.6 : expectNumber(o.scoreThreshold, 'options.scoreThreshold', 0, 1),
    nmsThreshold: o.nmsThreshold === undefined ? 0.3 : expectNumber(o.nmsThreshold, 'options.nmsThreshold', 0, 1),
    topK: o.topK === undefined ? 5000 : expectInteger(o.topK, 'options.topK', 1, 1_000_000),
    scaleX: expectNumber(t.scaleX, 'options.transform.scaleX', 1e-9, 1e9),
    scaleY: expectNumber(t.scaleY, 'options.transform.scaleY', 1e-9, 1e9),
    offsetX: expectNumber(t.offsetX, 'options.transform.offsetX', -1e9, 1e9),
    offsetY: expectNumber(t.offsetY, 'options.transform.offsetY', -1e9, 1e9),
  };
  const outs = expectObject(outputs, 'outputs');
  const arrays = YUNET_OUTPUT_NAMES.map((name) => {
    const [kind, stride] = name.split('_');
    const cells = (inputWidth / Number(stride)) * (inputHeight / Number(stride));
    return outputArray(outs[name], `outputs.${name}`, cells * FLOATS_PER_CELL[kind]);
  });
  if (!(out instanceof Float32Array) || out.length < FACE_FLOATS || out.length % FACE_FLOATS !== 0) {
    throw invalidParameterError('out', `a Float32Array whose length is a positive multiple of ${FACE_FLOATS}`, out);
  }
  try {
    return loadNative().yunetDecode(arrays, raw, out);
  } catch (err) {
    if (err instanceof CandorError) throw err;
    throw new CandorError('INTERNAL', `yunetDecode failed: ${(err as Error).message}`);
  }
}

/** Reads `count` faces from a yunetDecode() buffer into plain objects. */
export function facesFromBuffer(out: Float32Array, count: number): DecodedFace[] {
  const faces: DecodedFace[] = [];
  for (let i = 0; i < count; i++) {
    const f = out.subarray(i * FACE_FLOATS, (i + 1) * FACE_FLOATS);
    const landmarks: [number, number][] = [];
    for (let n = 0; n < 5; n++) landmarks.push([f[4 + 2 * n], f[5 + 2 * n]]);
    faces.push({ box: [f[0], f[1], f[2], f[3]], score: f[14], landmarks });
  }
  return faces;
}
