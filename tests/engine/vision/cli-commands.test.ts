// `candor vision` and `candor doctor`, run in-process with stdout captured.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { doctorCommand } from '../../../src-main/cli/commands/doctor';
import { visionCommand } from '../../../src-main/cli/commands/vision';
import { assertPresent } from '../../support/shared-data';
import { FACES_DIR, SKIP, VISION_DATA } from './fixtures';

async function capture(fn: () => Promise<number>): Promise<{ code: number; out: string }> {
  let out = '';
  const write = process.stdout.write;
  // Only the command's text is captured; the test runner's own (binary) reports pass through.
  process.stdout.write = ((chunk: unknown, ...rest: unknown[]) =>
    typeof chunk === 'string' ? ((out += chunk), true) : (write as (...a: unknown[]) => boolean).call(process.stdout, chunk, ...rest)) as typeof process.stdout.write;
  try {
    return { code: await fn(), out };
  } finally {
    process.stdout.write = write;
  }
}

describe('candor vision', { skip: SKIP }, () => {
  test('one image --json: faces with box, score, 5 landmarks, yaw, facing; provider; simd', async () => {
    assertPresent(VISION_DATA);
    const { code, out } = await capture(() => visionCommand.run([join(FACES_DIR, 'two.jpg'), '--json']));
    assert.equal(code, 0);
    const r = JSON.parse(out);
    assert.deepEqual(Object.keys(r), ['faces', 'provider', 'simd']);
    assert.equal(r.faces.length, 2);
    for (const f of r.faces) {
      assert.deepEqual(Object.keys(f), ['box', 'score', 'landmarks', 'yaw', 'facing']);
      assert.equal(f.box.length, 4);
      assert.equal(f.landmarks.length, 5);
      assert.equal(typeof f.facing, 'boolean');
    }
    assert.match(r.simd, /^(scalar|sse41|avx2|neon)$/);
  });

  test('a folder --json: JSON lines, one per image with "file" first; a broken image gives an error line and exit 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'candor-vision-'));
    cpSync(join(FACES_DIR, 'none.jpg'), join(dir, 'a.jpg'));
    cpSync(join(FACES_DIR, 'one.jpg'), join(dir, 'b.jpeg'));
    writeFileSync(join(dir, 'c.png'), 'not a png');
    writeFileSync(join(dir, 'notes.txt'), 'ignored');
    const { code, out } = await capture(() => visionCommand.run([dir, '--json', '--model', 'yunet-320']));
    assert.equal(code, 1);
    const lines = out.trim().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(lines.map((l) => Object.keys(l)[0]), ['file', 'file', 'file']);
    assert.deepEqual(lines.map((l) => l.faces?.length ?? l.error.slice(-22)), [0, 1, 'not a PNG or JPEG file']);
  });

  test('text output and usage errors', async () => {
    const { code, out } = await capture(() => visionCommand.run([join(FACES_DIR, 'five.jpg')]));
    assert.equal(code, 0);
    assert.match(out, /five\.jpg: 5 faces, \d facing the camera/);
    await assert.rejects(visionCommand.run([]), /give one image or folder/);
    await assert.rejects(visionCommand.run(['x.jpg', '--threshold', '2']), /--threshold must be between 0 and 1/);
    await assert.rejects(visionCommand.run(['/nonexistent.jpg']), { code: 'FILE_NOT_FOUND' });
  });
});

describe('candor doctor', () => {
  test('--json reports platform, SIMD, providers, models, audio and database', async () => {
    const { out } = await capture(() => doctorCommand.run(['--json']));
    const r = JSON.parse(out);
    assert.deepEqual(Object.keys(r), ['platform', 'native', 'providers', 'models', 'audio', 'database']);
    assert.equal(r.native.ok, true);
    assert.ok(r.native.available.includes(r.native.simd));
    assert.ok(r.providers.available.some((p: { name: string; available: boolean }) => p.name === 'cpu' && p.available));
    if (!SKIP) assert.equal(r.providers.chosen, r.providers.fallbackReasons.length ? 'cpu' : r.providers.chosen);
    assert.ok(r.models.some((m: { name: string }) => m.name === 'yunet-320'));
    assert.ok(Array.isArray(r.audio.sources));
    assert.equal(typeof r.database.path, 'string');
  });

  test('text form', async () => {
    const { out } = await capture(() => doctorCommand.run([]));
    for (const label of ['platform', 'native', 'providers', 'models', 'audio', 'database']) assert.match(out, new RegExp(`^${label}`, 'm'));
  });
});
