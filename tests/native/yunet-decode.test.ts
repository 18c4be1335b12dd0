import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { capabilities, facesFromBuffer, FACE_FLOATS, setSimdLevel, yunetDecode, YUNET_OUTPUT_NAMES } from '../../native/lib/index';
import { rng } from './helpers';

const caps = capabilities();
after(() => setSimdLevel(caps.best));

/** Empty outputs (all scores 0) for a model input of w x h. */
function emptyOutputs(w: number, h: number): Record<string, Float32Array> {
  const out: Record<string, Float32Array> = {};
  for (const name of YUNET_OUTPUT_NAMES) {
    const [kind, s] = name.split('_');
    const cells = (w / Number(s)) * (h / Number(s));
    out[name] = new Float32Array(cells * { cls: 1, obj: 1, bbox: 4, kps: 10 }[kind]!);
  }
  return out;
}

/** Puts a face in grid cell (r, c) of a stride: offsets and log-sizes as the model emits them. */
function put(o: Record<string, Float32Array>, w: number, stride: number, r: number, c: number, cls: number, obj: number, bbox: number[], kps: number[]): void {
  const i = r * (w / stride) + c;
  o[`cls_${stride}`][i] = cls;
  o[`obj_${stride}`][i] = obj;
  o[`bbox_${stride}`].set(bbox, i * 4);
  o[`kps_${stride}`].set(kps, i * 10);
}

const kps = [0.1, 0.2, 0.9, 0.2, 0.5, 0.5, 0.2, 0.8, 0.8, 0.8];

describe('yunetDecode', () => {
  test('decodes boxes, landmarks and sqrt(cls * obj) scores as OpenCV FaceDetectorYN', () => {
    const o = emptyOutputs(64, 32);
    put(o, 64, 8, 1, 2, 0.81, 1, [0.5, 0.25, Math.log(2), Math.log(3)], kps);
    const out = new Float32Array(FACE_FLOATS * 4);
    const n = yunetDecode(o, { inputWidth: 64, inputHeight: 32 }, out);
    assert.equal(n, 1);
    const [face] = facesFromBuffer(out, n);
    const close = (a: number[], b: number[]) => a.forEach((v, i) => assert.ok(Math.abs(v - b[i]) < 1e-4, `${a} vs ${b}`));
    close(face.box, [20 - 8, 10 - 12, 16, 24]); // centre (2.5 * 8, 1.25 * 8), size (2 * 8, 3 * 8)
    close([face.score], [0.9]);
    close(face.landmarks.flat(), kps.map((v, k) => (v + (k % 2 === 0 ? 2 : 1)) * 8));
  });

  test('clamps cls and obj to 0..1, applies the score threshold, and maps back to source pixels', () => {
    const o = emptyOutputs(64, 64);
    put(o, 64, 16, 1, 1, 1.5, 0.49, [0.5, 0.5, Math.log(2), Math.log(2)], kps); // score sqrt(1 * 0.49) = 0.7
    put(o, 64, 32, 0, 1, 0.25, 0.25, [0.5, 0.5, 0, 0], kps); // score 0.25: below 0.6
    const out = new Float32Array(FACE_FLOATS * 2);
    const t = { scaleX: 0.5, scaleY: 0.25, offsetX: 4, offsetY: 8 };
    assert.equal(yunetDecode(o, { inputWidth: 64, inputHeight: 64, transform: t }, out), 1);
    const [f] = facesFromBuffer(out, 1);
    assert.ok(Math.abs(f.score - 0.7) < 1e-6);
    assert.deepEqual(f.box, [(24 - 16 - 4) / 0.5, (24 - 16 - 8) / 0.25, 32 / 0.5, 32 / 0.25]);
    assert.equal(yunetDecode(o, { inputWidth: 64, inputHeight: 64, scoreThreshold: 0.2 }, out), 2);
  });

  test('suppresses overlapping detections across strides and respects the output capacity', () => {
    const o = emptyOutputs(64, 64);
    put(o, 64, 8, 3, 3, 0.9, 0.9, [0.5, 0.5, Math.log(4), Math.log(4)], kps); // box 12..44
    put(o, 64, 16, 1, 1, 0.8, 0.8, [0.5, 0.5, Math.log(2), Math.log(2)], kps); // box 8..40: IoU 0.62
    put(o, 64, 8, 7, 7, 0.7, 0.7, [0.5, 0.5, 0, 0], kps); // box 56..64, apart
    const out = new Float32Array(FACE_FLOATS * 8);
    assert.equal(yunetDecode(o, { inputWidth: 64, inputHeight: 64 }, out), 2);
    assert.deepEqual(facesFromBuffer(out, 2).map((f) => f.box[0]), [12, 56]);
    assert.equal(yunetDecode(o, { inputWidth: 64, inputHeight: 64, nmsThreshold: 0.7 }, out), 3);
    assert.equal(yunetDecode(o, { inputWidth: 64, inputHeight: 64 }, new Float32Array(FACE_FLOATS)), 1);
  });

  test('accepts onnxruntime tensors, and all SIMD levels agree on noisy outputs', () => {
    const rand = rng(11);
    const o = emptyOutputs(320, 320);
    for (const a of Object.values(o)) for (let i = 0; i < a.length; i++) a[i] = rand() * 1.2 - 0.1;
    const asTensors = Object.fromEntries(Object.entries(o).map(([k, v]) => [k, { data: v, dims: [1, v.length, 1] }]));
    const results = caps.available.map((level) => {
      setSimdLevel(level);
      const out = new Float32Array(FACE_FLOATS * 500);
      const n = yunetDecode(asTensors, { inputWidth: 320, inputHeight: 320, scoreThreshold: 0.8 }, out);
      return [...out.subarray(0, n * FACE_FLOATS)];
    });
    assert.ok(results[0].length > FACE_FLOATS);
    for (const r of results) assert.deepEqual(r, results[0]);
  });

  const o = emptyOutputs(64, 32);
  const out = new Float32Array(FACE_FLOATS);
  const cases: [string, () => unknown, string][] = [
    ['width', () => yunetDecode(o, { inputWidth: 100, inputHeight: 32 }, out), 'Expected a multiple of 32 for options.inputWidth but received number 100'],
    ['height', () => yunetDecode(o, { inputWidth: 64, inputHeight: 16 }, out), 'Expected an integer between 32 and 16384 for options.inputHeight but received number 16'],
    ['missing', () => yunetDecode({ ...o, kps_32: undefined as never }, { inputWidth: 64, inputHeight: 32 }, out), 'Expected a Float32Array of length 20 for outputs.kps_32 but received undefined'],
    ['size', () => yunetDecode(o, { inputWidth: 64, inputHeight: 64 }, out), 'Expected a Float32Array of length 64 for outputs.cls_8 but received a Float32Array of length 32'],
    ['score', () => yunetDecode(o, { inputWidth: 64, inputHeight: 32, scoreThreshold: 1.5 }, out), 'Expected a number between 0 and 1 for options.scoreThreshold but received number 1.5'],
    ['transform', () => yunetDecode(o, { inputWidth: 64, inputHeight: 32, transform: { scaleX: 0, scaleY: 1, offsetX: 0, offsetY: 0 } }, out), 'Expected a number between 1e-9 and 1000000000 for options.transform.scaleX but received number 0'],
    ['out', () => yunetDecode(o, { inputWidth: 64, inputHeight: 32 }, new Float32Array(14)), 'Expected a Float32Array whose length is a positive multiple of 15 for out but received a Float32Array of length 14'],
    ['outputs', () => yunetDecode(null as never, { inputWidth: 64, inputHeight: 32 }, out), 'Expected an object for outputs but received null'],
  ];
  for (const [name, fn, message] of cases) {
    test(`bad argument: ${name}`, () => assert.throws(fn, { name: 'CandorError', code: 'BAD_ARGUMENT', message }));
  }
});
