import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { PNG } from 'pngjs';
import { decodeImageBytes, decodeImageFile, imageKind, mirrorImage } from '../../../src-main/engine/vision/image';
import { assertPresent } from '../../support/shared-data';
import { FACES_DIR, SKIP, VISION_DATA } from './fixtures';

describe('image decoding', () => {
  test('PNG round trip to RGBA', async () => {
    const png = new PNG({ width: 3, height: 2 });
    png.data = Buffer.from([...Array(6).keys()].flatMap((i) => [i * 10, i * 20, i * 30, 255]));
    const file = join(mkdtempSync(join(tmpdir(), 'candor-img-')), 'x.png');
    writeFileSync(file, PNG.sync.write(png));
    const img = await decodeImageFile(file);
    assert.deepEqual([img.width, img.height], [3, 2]);
    assert.deepEqual([...img.data.subarray(4, 8)], [10, 20, 30, 255]);
    const m = mirrorImage(img);
    assert.deepEqual([...m.data.subarray(0, 4)], [20, 40, 60, 255]);
  });

  test('JPEG by magic bytes, whatever the name', { skip: SKIP }, async () => {
    assertPresent(VISION_DATA);
    const img = await decodeImageFile(join(FACES_DIR, 'one.jpg'));
    assert.deepEqual([img.width, img.height, img.data.length], [450, 431, 450 * 431 * 4]);
  });

  test('unknown, broken and missing files are CandorErrors', async () => {
    assert.equal(imageKind(new Uint8Array([1, 2, 3])), undefined);
    assert.throws(() => decodeImageBytes(new Uint8Array([1, 2, 3]), 'a.gif'), { code: 'BAD_ARGUMENT', message: 'a.gif is not a PNG or JPEG file' });
    assert.throws(() => decodeImageBytes(new Uint8Array([0xff, 0xd8, 0xff, 0, 0, 0]), 'b.jpg'), { code: 'BAD_ARGUMENT', message: /^b\.jpg could not be decoded as JPEG/ });
    await assert.rejects(decodeImageFile('/nonexistent/c.png'), { code: 'FILE_NOT_FOUND', message: '/nonexistent/c.png does not exist' });
  });
});

test('a PNG declaring 16000x16000 is refused from its IHDR before decoding (decompression bomb)', () => {
  const small = PNG.sync.write(Object.assign(new PNG({ width: 2, height: 2 }), {}));
  const bomb = Buffer.from(small);
  bomb.writeUInt32BE(16000, 16);
  bomb.writeUInt32BE(16000, 20);
  assert.throws(() => decodeImageBytes(bomb, 'bomb.png'), (err: Error) => err.name === 'CandorError' || /megapixel limit/.test(err.message));
  assert.throws(() => decodeImageBytes(bomb, 'bomb.png'), /16000x16000 pixels, more than the 100 megapixel limit/);
});
