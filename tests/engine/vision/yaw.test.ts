import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { estimateYaw, FACING_LIMIT_DEG, isFacing, YAW_K } from '../../../src-main/engine/vision/yaw';

/** Landmarks of an ideal head turned by `deg` (orthographic), eyes 60 px apart, rolled by `rollDeg`. */
function head(deg: number, rollDeg = 0): [number, number][] {
  const t = (deg * Math.PI) / 180;
  const e = 30;
  const d = YAW_K * 2 * e;
  const pts: [number, number][] = [
    [-e * Math.cos(t), 0],
    [e * Math.cos(t), 0],
    [d * Math.sin(t), 25],
    [-20 * Math.cos(t) + 0.3 * d * Math.sin(t), 50],
    [20 * Math.cos(t) + 0.3 * d * Math.sin(t), 50],
  ];
  const r = (rollDeg * Math.PI) / 180;
  return pts.map(([x, y]) => [200 + x * Math.cos(r) - y * Math.sin(r), 150 + x * Math.sin(r) + y * Math.cos(r)]);
}

describe('yaw from five landmarks', () => {
  test('recovers the yaw of an ideal head, whatever the roll', () => {
    for (const deg of [-60, -30, -10, 0, 10, 25, 45, 70]) {
      for (const roll of [0, 15, -30]) {
        assert.ok(Math.abs(estimateYaw(head(deg, roll)) - deg) < 1e-6, `${deg} roll ${roll}: ${estimateYaw(head(deg, roll))}`);
      }
    }
  });

  test('sign: positive when the nose points toward the image right; mirroring flips it', () => {
    assert.ok(estimateYaw(head(20)) > 0);
    const mirrored = head(20).map(([x, y]) => [400 - x, y] as [number, number]);
    // mirroring also swaps which eye is the subject's right one
    const relabelled = [mirrored[1], mirrored[0], mirrored[2], mirrored[4], mirrored[3]];
    assert.ok(Math.abs(estimateYaw(relabelled) + 20) < 1e-6);
  });

  test('facing means |yaw| <= 30 degrees', () => {
    assert.equal(FACING_LIMIT_DEG, 30);
    assert.equal(isFacing(0), true);
    assert.equal(isFacing(30), true);
    assert.equal(isFacing(-30.01), false);
    assert.equal(isFacing(estimateYaw(head(45))), false);
  });

  test('degenerate landmarks give 0, not NaN', () => {
    assert.equal(estimateYaw([[5, 5], [5, 5], [9, 9], [0, 0], [0, 0]]), 0);
  });
});
