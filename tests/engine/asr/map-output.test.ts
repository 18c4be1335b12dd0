// Model output (chunks with times relative to the model's input) to
// utterances in call time.
import assert from 'node:assert/strict';
import test from 'node:test';
import { cleanText, mapAsrOutput, splitBatchOutput } from '../../../src-main/engine/asr/map-output';

test('segment-level chunks become utterances at absolute times', () => {
  const out = { text: ' Hello there. How are you?', chunks: [
    { timestamp: [0, 1.52] as [number, number], text: ' Hello there.' },
    { timestamp: [1.52, 3.1] as [number, number], text: ' How are you?' },
  ] };
  assert.deepEqual(mapAsrOutput(out, { side: 'them', startSec: 100.25, durationSec: 3.5 }), [
    { side: 'them', start: 100.25, end: 101.77, text: 'Hello there.' },
    { side: 'them', start: 101.77, end: 103.35, text: 'How are you?' },
  ]);
});

test('an open end (null) runs to the end of the segment; times are clipped to it', () => {
  const out = { text: '', chunks: [{ timestamp: [0.5, null] as [number, number | null], text: ' and so on' }, { timestamp: [3.8, 9] as [number, number], text: ' tail' }] };
  assert.deepEqual(mapAsrOutput(out, { side: 'me', startSec: 10, durationSec: 4 }), [
    { side: 'me', start: 10.5, end: 14, text: 'and so on' },
    { side: 'me', start: 13.8, end: 14, text: 'tail' },
  ]);
});

test('non-speech tags are dropped: [BLANK_AUDIO], (music), [Applause]', () => {
  assert.equal(cleanText(' [BLANK_AUDIO] '), '');
  assert.equal(cleanText(' (upbeat music) Okay, um, let us start [Applause]'), 'Okay, um, let us start');
  const out = { text: ' [BLANK_AUDIO]', chunks: [{ timestamp: [0, 2] as [number, number], text: ' [BLANK_AUDIO]' }] };
  assert.deepEqual(mapAsrOutput(out, { side: 'me', startSec: 0, durationSec: 2 }), []);
});

test('without chunks: one utterance over the segment, or null for a batch (cannot split)', () => {
  assert.deepEqual(mapAsrOutput({ text: ' Just text.' }, { side: 'me', startSec: 5, durationSec: 2 }), [{ side: 'me', start: 5, end: 7, text: 'Just text.' }]);
  const slots = [{ side: 'me' as const, startSec: 0, offsetSec: 0, durationSec: 1 }, { side: 'me' as const, startSec: 9, offsetSec: 1.3, durationSec: 1 }];
  assert.equal(splitBatchOutput({ text: ' two segments' }, slots), null);
  assert.deepEqual(splitBatchOutput({ text: '' }, slots), [[], []]);
});

test('a batch: each chunk goes to the segment it overlaps most', () => {
  const slots = [
    { side: 'me' as const, startSec: 30, offsetSec: 0, durationSec: 2 },
    { side: 'me' as const, startSec: 47, offsetSec: 2.3, durationSec: 3 },
  ];
  const out = { text: '', chunks: [
    { timestamp: [0, 1.9] as [number, number], text: ' first' },
    { timestamp: [1.9, 5.2] as [number, number], text: ' second spans the gap' },
  ] };
  assert.deepEqual(splitBatchOutput(out, slots), [
    [{ side: 'me', start: 30, end: 31.9, text: 'first' }],
    [{ side: 'me', start: 47, end: 49.9, text: 'second spans the gap' }],
  ]);
});
