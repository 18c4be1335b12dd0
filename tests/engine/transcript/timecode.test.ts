// Timestamps: the W3C reader exactly, the lenient one for exporters' forms,
// and the timing line (spec first, then lenient).
import assert from 'node:assert/strict';
import test from 'node:test';
import { lenientTimestamp, readTimestamp, webvttTimestamp } from '../../../src-main/engine/transcript/timecode';
import { readTimingLine } from '../../../src-main/engine/transcript/webvtt-parser';

const strict = (s: string): number | null => {
  const r = webvttTimestamp(s);
  return r && r.next === s.length ? r.sec : null;
};

test('W3C timestamps: mm:ss.ttt and h+:mm:ss.ttt, nothing else', () => {
  assert.equal(strict('00:01.500'), 1.5);
  assert.equal(strict('01:02:03.004'), 3723.004);
  assert.equal(strict('0:00:00.000'), 0); // hours may have one digit
  assert.equal(strict('100:00:00.000'), 360000);
  assert.equal(strict('60:00.000'), null); // "60" can only be hours, and then ":00" needs seconds after it
  for (const bad of ['00:60.000', '00:00:60.000', '0:0:0.0', '00:01,500', '00:01.50', '00:01.5000', '1.500', '00:01', '-00:01.000', ' 00:01.000']) {
    assert.equal(strict(bad), null, bad);
  }
});

test('lenient timestamps: unpadded fields, plain seconds, commas, any fraction', () => {
  assert.equal(lenientTimestamp('0:0:5.320'), 5.32);
  assert.equal(lenientTimestamp('1:03.100'), 63.1);
  assert.equal(lenientTimestamp('12.700'), 12.7);
  assert.equal(lenientTimestamp('0.860'), 0.86);
  assert.equal(lenientTimestamp('00:00:01,250'), 1.25);
  assert.equal(lenientTimestamp('1:2:3'), 3723);
  assert.equal(lenientTimestamp('00:00:6'), 6);
  for (const bad of ['12', '1:60.0', '1:60:00.0', 'a:00.0', '1::2.0', '1:2:3:4.0', '.5', '5.', '']) assert.equal(lenientTimestamp(bad), null, bad);
  assert.deepEqual(readTimestamp('00:01.000'), { sec: 1, lenient: false });
  assert.deepEqual(readTimestamp('1.0'), { sec: 1, lenient: true });
});

test('timing lines: settings after the end time, no spaces around the arrow, lenient only when asked', () => {
  assert.deepEqual(readTimingLine('00:01.000 --> 00:02.000 align:start line:0', false), { start: 1, end: 2, settings: 'align:start line:0', lenient: false });
  assert.deepEqual(readTimingLine('00:01.000-->00:02.000', false), { start: 1, end: 2, settings: '', lenient: false });
  assert.deepEqual(readTimingLine('0.5 --> 1.25', false), { error: 'malformed cue timing "0.5 --> 1.25"' });
  assert.deepEqual(readTimingLine('0.5 --> 1.25 align:end', true), { start: 0.5, end: 1.25, settings: 'align:end', lenient: true });
  assert.deepEqual(readTimingLine('Speaker 00:01.000 --> 00:02.000', true), { error: 'malformed cue timing "Speaker 00:01.000 --> 00:02.000"' });
});

test('the lenient reader is linear on hostile input', () => {
  const long = '1:'.repeat(200_000) + 'x';
  const t0 = performance.now();
  assert.equal(lenientTimestamp(long), null);
  assert.ok('error' in readTimingLine(`${'9'.repeat(500_000)} --> ${'9:'.repeat(200_000)}`, true));
  assert.ok(performance.now() - t0 < 2000);
});
