// METRICS.md: vision reports counts and geometry only. This walks every key
// of every vision output and fails on any field that would describe a
// person's emotion, expression, age, gender or attention.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { decodeImageFile, VisionTracker, YunetDetector } from '../../../src-main/engine/vision/index';
import { visionCommand } from '../../../src-main/cli/commands/vision';
import { assertPresent } from '../../support/shared-data';
import { FACES_DIR, SKIP, VISION_DATA } from './fixtures';
import { forbiddenKeys } from './forbidden-keys';

describe('vision outputs carry no inference about the person', () => {
  test('the key walker catches forbidden words in any casing and depth', () => {
    assert.deepEqual(forbiddenKeys({ faces: [{ box: [], emotionScore: 1 }], meta: { estimated_age: 3, image: 1, stage: 2 } }),
      ['$.faces[0].emotionScore', '$.meta.estimated_age']);
  });

  test('detector faces, tracker samples and summary, and the CLI JSON', { skip: SKIP }, async () => {
    assertPresent(VISION_DATA);
    const img = await decodeImageFile(join(FACES_DIR, 'five.jpg'));
    const det = await YunetDetector.create({ model: 'yunet-dynamic' });
    const faces = await det.detect({ format: 'rgba', width: img.width, height: img.height, data: img.data });
    assert.equal(faces.length, 5);
    assert.deepEqual(Object.keys(faces[0]).sort(), ['box', 'facing', 'landmarks', 'score', 'yaw']);
    const tracker = new VisionTracker(det);
    const bgra = img.data.slice();
    await tracker.push({ data: bgra, width: img.width, height: img.height, stride: img.width * 4, timestampSec: 0 });
    let printed = '';
    const write = process.stdout.write;
    process.stdout.write = ((chunk: unknown, ...rest: unknown[]) =>
      typeof chunk === 'string' ? ((printed += chunk), true) : (write as (...a: unknown[]) => boolean).call(process.stdout, chunk, ...rest)) as typeof process.stdout.write;
    try {
      assert.equal(await visionCommand.run([join(FACES_DIR, 'two.jpg'), '--json']), 0);
    } finally {
      process.stdout.write = write;
    }
    const outputs = { faces, samples: tracker.samples(), summary: tracker.summary(), cli: JSON.parse(printed) };
    assert.deepEqual(forbiddenKeys(outputs), []);
    await det.dispose();
  });
});
