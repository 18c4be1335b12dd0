import assert from 'node:assert/strict';
import test from 'node:test';
import { formatBytes, progressLine } from '../../../src-main/engine/models/progress';

test('byte progress line', () => {
  assert.equal(formatBytes(512), '512 B');
  assert.equal(formatBytes(40 * 1024 * 1024), '40.0 MB');
  assert.equal(progressLine('  enc.onnx', 512 * 1024, 1024 * 1024, 1000, 10), '  enc.onnx [#####.....]  50% 512 kB/1.0 MB 512 kB/s');
  assert.equal(progressLine('x', 2048, null, 0), 'x 2 kB');
});
