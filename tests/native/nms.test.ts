import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { capabilities, nms, setSimdLevel } from '../../native/lib/index';
import { referenceNms } from '../../native/lib/reference';
import { rng } from './helpers';

const caps = capabilities();
after(() => setSimdLevel(caps.best));

function randomBoxes(n: number, rand: () => number, opts: { clustered?: boolean; tiedScores?: boolean } = {}) {
  const boxes = new Float32Array(n * 4);
  const scores = new Float32Array(n);
  const centers = Array.from({ length: 20 }, () => [rand() * 1000, rand() * 1000]);
  for (let i = 0; i < n; i++) {
    const [cx, cy] = opts.clustered ? centers[i % centers.length] : [rand() * 1000, rand() * 1000];
    const w = rand() < 0.02 ? 0 : 10 + rand() * 90; // some zero-area boxes
    const h = 10 + rand() * 90;
    boxes.set([cx + (rand() - 0.5) * 30 - w / 2, cy + (rand() - 0.5) * 30 - h / 2, w, h], i * 4);
    scores[i] = opts.tiedScores ? Math.floor(rand() * 5) / 5 : rand();
  }
  return { boxes, scores };
}

function run(boxes: Float32Array, scores: Float32Array, o: Parameters<typeof nms>[2], cap = scores.length): number[] {
  const keep = new Int32Array(cap);
  return [...keep.subarray(0, nms(boxes, scores, o, keep))];
}

describe('nms', () => {
  test('every SIMD level equals the plain TypeScript reference (random, clustered, tied scores)', () => {
    const rand = rng(7);
    const sets = [
      randomBoxes(0, rand),
      randomBoxes(1, rand),
      randomBoxes(13, rand),
      randomBoxes(500, rand),
      randomBoxes(2000, rand, { clustered: true }),
      randomBoxes(777, rand, { clustered: true, tiedScores: true }),
    ];
    const options = [
      { iouThreshold: 0.3 },
      { iouThreshold: 0.5, scoreThreshold: 0.4 },
      { iouThreshold: 0.45, topK: 100 },
      { iouThreshold: 0 },
      { iouThreshold: 1 },
    ];
    for (const level of caps.available) {
      setSimdLevel(level);
      sets.forEach(({ boxes, scores }, si) => {
        for (const o of options) {
          assert.deepEqual(run(boxes, scores, o), referenceNms(boxes, scores, o), `${level} set ${si} ${JSON.stringify(o)}`);
          assert.deepEqual(run(boxes, scores, o, 5), referenceNms(boxes, scores, o, 5), `${level} set ${si} cap 5`);
        }
      });
    }
  });

  test('keeps the best of overlapping boxes and separate boxes', () => {
    const boxes = new Float32Array([0, 0, 10, 10, 1, 1, 10, 10, 50, 50, 10, 10, 0, 0, 10, 10]);
    const scores = new Float32Array([0.8, 0.9, 0.5, 0.9]);
    // ties keep input order: 1 before 3; 3 overlaps 1 (IoU 0.68) and 0 overlaps 1
    assert.deepEqual(run(boxes, scores, { iouThreshold: 0.5 }), [1, 2]);
    assert.deepEqual(run(boxes, scores, { iouThreshold: 0.7 }), [1, 3, 2]);
    assert.deepEqual(run(boxes, scores, { iouThreshold: 0.5, scoreThreshold: 0.85 }), [1]);
    assert.deepEqual(run(boxes, scores, { iouThreshold: 0.5, topK: 1 }), [1]);
  });

  test('NaN and -Infinity scores are never kept; zero-area boxes never suppress', () => {
    const boxes = new Float32Array([0, 0, 0, 0, 0, 0, 0, 0, 5, 5, 1, 1, 5, 5, 1, 1]);
    const scores = new Float32Array([0.9, 0.8, Number.NaN, -Infinity]);
    assert.deepEqual(run(boxes, scores, { iouThreshold: 0 }), [0, 1]);
  });

  const boxes = new Float32Array(8);
  const scores = new Float32Array(2);
  const keep = new Int32Array(2);
  const cases: [string, () => unknown, string][] = [
    ['boxes length', () => nms(new Float32Array(7), scores, { iouThreshold: 0.5 }, keep), 'Expected a Float32Array of length 8 (4 per score) for boxes but received a Float32Array of length 7'],
    ['boxes type', () => nms([0, 0, 1, 1] as never, new Float32Array(1), { iouThreshold: 0.5 }, keep), 'Expected a Float32Array of length 4 (4 per score) for boxes but received an array of length 4'],
    ['scores type', () => nms(boxes, new Float64Array(2) as never, { iouThreshold: 0.5 }, keep), 'Expected a Float32Array of at most 10000000 scores for scores but received a Float64Array of length 2'],
    ['options', () => nms(boxes, scores, undefined as never, keep), 'Expected an object for options but received undefined'],
    ['iou', () => nms(boxes, scores, { iouThreshold: 2 }, keep), 'Expected a number between 0 and 1 for options.iouThreshold but received number 2'],
    ['iou missing', () => nms(boxes, scores, {} as never, keep), 'Expected a number between 0 and 1 for options.iouThreshold but received undefined'],
    ['score', () => nms(boxes, scores, { iouThreshold: 0.5, scoreThreshold: Number.NaN }, keep), 'Expected a number between -3.4e+38 and 3.4e+38 for options.scoreThreshold but received number NaN'],
    ['topK', () => nms(boxes, scores, { iouThreshold: 0.5, topK: 0 }, keep), 'Expected an integer between 1 and 2147483647 for options.topK but received number 0'],
    ['keep', () => nms(boxes, scores, { iouThreshold: 0.5 }, new Uint32Array(2) as never), 'Expected an Int32Array for keep but received a Uint32Array of length 2'],
  ];
  for (const [name, fn, message] of cases) {
    test(`bad argument: ${name}`, () => assert.throws(fn, { name: 'CandorError', code: 'BAD_ARGUMENT', message }));
  }
});
