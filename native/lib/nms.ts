// Greedy non-maximum suppression in C++ (SIMD IoU), as OpenCV's
// dnn::NMSBoxes with eta = 1: candidates with score >= scoreThreshold, by
// score (descending; ties keep input order), cut to topK; a box is kept
// unless a kept higher-ranked box overlaps it with IoU > iouThreshold.
import { CandorError } from '../../src-main/contract/errors';
import { expectInteger, expectNumber, expectObject, invalidParameterError } from '../../src-main/contract/validate';
import { loadNative } from './loader';

export const MAX_NMS_BOXES = 10_000_000;
const FLOAT_MAX = 3.4e38;

export interface NmsOptions {
  iouThreshold: number;
  /** Default: no threshold (NaN and -Infinity scores are never kept). */
  scoreThreshold?: number;
  /** Default: all candidates. */
  topK?: number;
}

/**
 * boxes: n * 4 floats (x, y, width, height); scores: n floats. Writes the
 * kept indices, best first, into `keep` (at most keep.length of them) and
 * returns how many were written.
 */
export function nms(boxes: Float32Array, scores: Float32Array, options: NmsOptions, keep: Int32Array): number {
  if (!(scores instanceof Float32Array) || scores.length > MAX_NMS_BOXES) {
    throw invalidParameterError('scores', `a Float32Array of at most ${MAX_NMS_BOXES} scores`, scores);
  }
  if (!(boxes instanceof Float32Array) || boxes.length !== scores.length * 4) {
    throw invalidParameterError('boxes', `a Float32Array of length ${scores.length * 4} (4 per score)`, boxes);
  }
  const o = expectObject(options, 'options');
  const raw = {
    iouThreshold: expectNumber(o.iouThreshold, 'options.iouThreshold', 0, 1),
    scoreThreshold: o.scoreThreshold === undefined ? -FLOAT_MAX : expectNumber(o.scoreThreshold, 'options.scoreThreshold', -FLOAT_MAX, FLOAT_MAX),
    topK: o.topK === undefined ? 2 ** 31 - 1 : expectInteger(o.topK, 'options.topK', 1, 2 ** 31 - 1),
  };
  if (!(keep instanceof Int32Array)) throw invalidParameterError('keep', 'an Int32Array', keep);
  try {
    return loadNative().nms(boxes, scores, raw, keep);
  } catch (err) {
    if (err instanceof CandorError) throw err;
    throw new CandorError('INTERNAL', `nms failed: ${(err as Error).message}`);
  }
}
