import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { Frame } from '../../../native/lib/index';
import { decodeImageFile, summarize, VisionTracker, type Face, type FaceDetectorLike } from '../../../src-main/engine/vision/index';
import { assertPresent } from '../../support/shared-data';
import { FACES_DIR, SKIP, VISION_DATA } from './fixtures';

const face = (yaw: number): Face => ({ box: [0, 0, 10, 10], score: 0.9, landmarks: [[0, 0], [1, 0], [0.5, 0.5], [0, 1], [1, 1]], yaw, facing: Math.abs(yaw) <= 30 });

/** Replays a fixed list of face sets, one per detect() call. */
class FakeDetector implements FaceDetectorLike {
  calls = 0;
  constructor(private readonly script: Face[][], private readonly delayMs = 0) {}
  async detect(_frame: Frame): Promise<Face[]> {
    if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
    return this.script[this.calls++ % this.script.length];
  }
}

const blank = (t: number, w = 8, h = 6, stride = w * 4) => ({ data: new Uint8Array(stride * h), width: w, height: h, stride, timestampSec: t });

describe('VisionTracker', () => {
  test('samples a 30 fps stream at 2 fps and drops the frames in between', async () => {
    const det = new FakeDetector([[face(0)]]);
    const tracker = new VisionTracker(det);
    const kept: number[] = [];
    for (let i = 0; i < 90; i++) {
      const s = await tracker.push(blank(i / 30));
      if (s) kept.push(s.t);
    }
    assert.deepEqual(kept, [0, 0.5, 1, 1.5, 2, 2.5]);
    assert.equal(det.calls, 6);
    assert.equal(tracker.samples().length, 6);
  });

  test('a frame that arrives while a detection runs is dropped', async () => {
    const tracker = new VisionTracker(new FakeDetector([[face(0)]], 30));
    const first = tracker.push(blank(0));
    assert.equal(await tracker.push(blank(5)), null); // busy
    assert.notEqual(await first, null);
    assert.notEqual(await tracker.push(blank(5)), null);
  });

  test('records faces visible, facing and camera-on per sample, and summarises them', async () => {
    const script = [[face(0), face(45)], [], [face(-10)], [face(5), face(50), face(-60)]];
    const tracker = new VisionTracker(new FakeDetector(script), { fps: 2 });
    for (let i = 0; i < 4; i++) await tracker.push(blank(i * 0.5));
    assert.deepEqual(tracker.samples(), [
      { t: 0, facesVisible: 2, facingCount: 1, cameraOn: true },
      { t: 0.5, facesVisible: 0, facingCount: 0, cameraOn: false },
      { t: 1, facesVisible: 1, facingCount: 1, cameraOn: true },
      { t: 1.5, facesVisible: 3, facingCount: 1, cameraOn: true },
    ]);
    assert.deepEqual(tracker.summary(), { facesMedian: 1.5, cameraOnShare: 0.75, facingShare: 3 / 6, samples: 4 });
  });

  test('summary of nothing is all zeros; odd counts take the middle value', () => {
    assert.deepEqual(summarize([]), { facesMedian: 0, cameraOnShare: 0, facingShare: 0, samples: 0 });
    const s = [3, 1, 2].map((n, i) => ({ t: i, facesVisible: n, facingCount: 0, cameraOn: n > 0 }));
    assert.equal(summarize(s).facesMedian, 2);
    assert.equal(summarize(s).facingShare, 0);
  });

  test('a timestamp going backwards restarts the schedule; reset() clears samples', async () => {
    const tracker = new VisionTracker(new FakeDetector([[]]));
    await tracker.push(blank(10));
    assert.equal(await tracker.push(blank(10.2)), null);
    assert.notEqual(await tracker.push(blank(1)), null);
    tracker.reset();
    assert.deepEqual(tracker.samples(), []);
  });

  test('every frame is validated, due or not', async () => {
    const tracker = new VisionTracker(new FakeDetector([[]]));
    await assert.rejects(tracker.push({ ...blank(0), stride: 4 }), {
      code: 'BAD_ARGUMENT',
      message: 'Expected an integer between 32 and 2147483647 for frame.stride but received number 4',
    });
    await assert.rejects(tracker.push({ ...blank(0), timestampSec: Number.NaN }), {
      code: 'BAD_ARGUMENT',
      message: 'Expected a number between 0 and 9007199254740991 for frame.timestampSec but received number NaN',
    });
    await assert.rejects(tracker.push(null as never), { message: 'Expected an object for frame but received null' });
  });

  test('end to end: padded BGRA frames of five.jpg through YuNet', { skip: SKIP }, async () => {
    assertPresent(VISION_DATA);
    const img = await decodeImageFile(join(FACES_DIR, 'five.jpg'));
    const stride = img.width * 4 + 64;
    const bgra = new Uint8Array(stride * img.height);
    for (let y = 0; y < img.height; y++) {
      for (let x = 0; x < img.width; x++) {
        const s = (y * img.width + x) * 4;
        bgra.set([img.data[s + 2], img.data[s + 1], img.data[s], 255], y * stride + x * 4);
      }
    }
    const tracker = await VisionTracker.create();
    for (let i = 0; i < 4; i++) await tracker.push({ data: bgra, width: img.width, height: img.height, stride, timestampSec: i * 0.25 });
    const samples = tracker.samples();
    assert.equal(samples.length, 2);
    for (const s of samples) assert.equal(s.facesVisible, 5);
    const sum = tracker.summary();
    assert.equal(sum.facesMedian, 5);
    assert.equal(sum.cameraOnShare, 1);
    assert.ok(sum.facingShare >= 0.8, `facingShare ${sum.facingShare}`);
  });
});
