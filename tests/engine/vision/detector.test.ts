import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { decodeImageFile, mirrorImage, YunetDetector, type Face, type RgbaImage } from '../../../src-main/engine/vision/index';
import { assertPresent } from '../../support/shared-data';
import { expectedCounts, FACES_DIR, SKIP, VISION_DATA } from './fixtures';

const detectors: Partial<Record<'yunet-320' | 'yunet-dynamic', YunetDetector>> = {};
const images = new Map<string, RgbaImage>();

before(async () => {
  if (SKIP) return;
  assertPresent(VISION_DATA);
  detectors['yunet-320'] = await YunetDetector.create({ model: 'yunet-320' });
  detectors['yunet-dynamic'] = await YunetDetector.create({ model: 'yunet-dynamic' });
  for (const file of expectedCounts().keys()) images.set(file, await decodeImageFile(join(FACES_DIR, file)));
});
after(async () => {
  for (const d of Object.values(detectors)) await d?.dispose();
});

function detect(model: 'yunet-320' | 'yunet-dynamic', img: RgbaImage): Promise<Face[]> {
  return detectors[model]!.detect({ format: 'rgba', width: img.width, height: img.height, data: img.data });
}

describe('YuNet detector on the labelled photos (faces.tsv)', { skip: SKIP }, () => {
  for (const model of ['yunet-320', 'yunet-dynamic'] as const) {
    test(`${model}: exact counts for one/two/five/none, >= 40 for crowd`, async () => {
      for (const [file, want] of expectedCounts()) {
        const faces = await detect(model, images.get(file)!);
        if (want.exact) assert.equal(faces.length, want.count, `${model} ${file}`);
        else assert.ok(faces.length >= want.count, `${model} ${file}: ${faces.length} < ${want.count}`);
      }
    });

    test(`${model}: boxes and landmarks lie within the image, in source pixels`, async () => {
      for (const [file, img] of images) {
        for (const f of await detect(model, img)) {
          const [x, y, w, h] = f.box;
          assert.ok(x >= 0 && y >= 0 && w > 0 && h > 0 && x + w <= img.width && y + h <= img.height, `${file}: ${f.box}`);
          assert.ok(f.landmarks.length === 5 && f.landmarks.every(([lx, ly]) => lx >= 0 && ly >= 0 && lx <= img.width && ly <= img.height));
          assert.ok(f.score >= 0.6 && f.score <= 1);
          // landmarks sit inside (or on the edge of) the face box
          const [cx, cy] = f.landmarks[2];
          assert.ok(cx >= x - 0.25 * w && cx <= x + 1.25 * w && cy >= y - 0.25 * h && cy <= y + 1.25 * h, `${file}: nose ${cx},${cy} vs ${f.box}`);
        }
      }
    });
  }

  test('both models agree on where the five faces are (boxes mapped back correctly)', async () => {
    const a = await detect('yunet-320', images.get('five.jpg')!);
    const b = await detect('yunet-dynamic', images.get('five.jpg')!);
    for (const f of a) {
      const c = [f.box[0] + f.box[2] / 2, f.box[1] + f.box[3] / 2];
      const near = b.some((g) => Math.hypot(g.box[0] + g.box[2] / 2 - c[0], g.box[1] + g.box[3] / 2 - c[1]) < f.box[2] * 0.25);
      assert.ok(near, `no dynamic-model face near ${c}`);
    }
  });

  test('mirroring an image flips the sign of yaw', async () => {
    for (const file of ['one.jpg', 'two.jpg', 'five.jpg']) {
      const img = images.get(file)!;
      const faces = await detect('yunet-dynamic', img);
      const mirrored = await detect('yunet-dynamic', mirrorImage(img));
      assert.equal(mirrored.length, faces.length, file);
      for (const f of faces) {
        const cx = img.width - (f.box[0] + f.box[2] / 2);
        const m = mirrored.reduce((best, g) => (Math.abs(g.box[0] + g.box[2] / 2 - cx) < Math.abs(best.box[0] + best.box[2] / 2 - cx) ? g : best));
        if (Math.abs(f.yaw) >= 8) assert.equal(Math.sign(m.yaw), -Math.sign(f.yaw), `${file}: yaw ${f.yaw} mirrored ${m.yaw}`);
        assert.ok(Math.abs(f.yaw + m.yaw) < 10, `${file}: yaw ${f.yaw} mirrored ${m.yaw}`);
      }
    }
  });

  test('one.jpg: the man turned to his right has a clearly negative yaw', async () => {
    const [f] = await detect('yunet-320', images.get('one.jpg')!);
    assert.ok(f.yaw < -15 && f.yaw > -45, `yaw ${f.yaw}`);
  });

  test('reports the provider used and why others were skipped', () => {
    const d = detectors['yunet-320']!;
    assert.ok(['cpu', 'cuda', 'dml', 'coreml'].includes(d.provider));
    assert.ok(Array.isArray(d.fallbackReasons));
  });

  test('dynamic input sizes: multiples of 32, long side capped, small images upscaled', () => {
    const d = detectors['yunet-dynamic']!;
    assert.deepEqual(d.inputSizeFor(720, 478), [992, 640]);
    assert.deepEqual(d.inputSizeFor(1920, 1080), [1280, 736]);
    assert.deepEqual(d.inputSizeFor(100, 100), [224, 224]);
    assert.deepEqual(detectors['yunet-320']!.inputSizeFor(1920, 1080), [320, 320]);
  });

  test('concurrent detect() calls are serialised and all correct', async () => {
    const img = images.get('two.jpg')!;
    const results = await Promise.all([1, 2, 3].map(() => detect('yunet-320', img)));
    for (const r of results) assert.equal(r.length, 2);
  });

  test('bad options and frames are rejected with the one message format', async () => {
    await assert.rejects(YunetDetector.create({ model: 'yunet-640' as never }), {
      code: 'BAD_ARGUMENT',
      message: 'Expected one of yunet-320, yunet-dynamic for options.model but received "yunet-640"',
    });
    await assert.rejects(YunetDetector.create({ model: 'yunet-dynamic', inputSize: [100, 64] }), {
      code: 'BAD_ARGUMENT',
      message: "Expected 'auto' or [width, height], multiples of 32 from 32 to 4096 for options.inputSize but received an array of length 2",
    });
    await assert.rejects(detectors['yunet-320']!.detect({ format: 'bgra', width: 10, height: 10, data: new Uint8Array(10) }), {
      code: 'BAD_ARGUMENT',
      message: 'Expected a Uint8Array of at least 400 bytes (10x10 bgra, this plane layout) for frame.data but received a Uint8Array of length 10',
    });
  });
});
