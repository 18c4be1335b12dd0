// int16ToFloat: the live capture's 16-bit little-endian PCM as floats. Pipe
// chunks start at any byte and may end mid-sample; the values are checked
// against the samples written with writeInt16LE at every start and length.
import assert from 'node:assert/strict';
import test from 'node:test';
import { int16ToFloat } from '../../../src-main/engine/capture/capture-source';

const SAMPLES = [0, 1, -1, 32767, -32768, 12345, -23456, 256, -256, 7];

/** The samples written little-endian after `lead` bytes of padding, then `tail` stray bytes. */
function chunk(lead: number, tail: number): Buffer {
  const whole = Buffer.alloc(lead + SAMPLES.length * 2 + tail, 0xab);
  SAMPLES.forEach((s, i) => whole.writeInt16LE(s, lead + i * 2));
  return whole.subarray(lead);
}

test('int16ToFloat reads each sample as s / 32768, from any start byte', () => {
  for (const lead of [0, 1, 2, 3]) {
    const out = int16ToFloat(chunk(lead, 0));
    assert.equal(out.length, SAMPLES.length, `start ${lead}`);
    assert.deepEqual([...out], SAMPLES.map((s) => Math.fround(s / 32768)), `start ${lead}`);
  }
});

test('int16ToFloat leaves out an odd last byte and keeps the range [-1, 1)', () => {
  for (const lead of [0, 1]) {
    const out = int16ToFloat(chunk(lead, 1));
    assert.equal(out.length, SAMPLES.length);
    assert.equal(Math.min(...out), -1);
    assert.ok(Math.max(...out) < 1);
  }
  assert.equal(int16ToFloat(Buffer.alloc(1)).length, 0);
  assert.equal(int16ToFloat(Buffer.alloc(0)).length, 0);
});

test('int16ToFloat does not change the chunk it reads', () => {
  const c = chunk(1, 1);
  const before = Buffer.from(c);
  int16ToFloat(c);
  assert.deepEqual(c, before);
});
