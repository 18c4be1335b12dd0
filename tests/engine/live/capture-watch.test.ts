// The capture watch's rules on their own: the flag needs both a silent
// system side for more than 10 s and speech on the mic meanwhile; any sound
// from the system side clears it; a switch's gap runs from the old device's
// last audio to the new device's first.
import assert from 'node:assert/strict';
import test from 'node:test';
import { CaptureWatch, SYSTEM_SILENT_FLAG_SEC } from '../../../src-main/engine/live/capture-watch';

const zeros = new Float32Array(1600);
const sound = new Float32Array(1600).fill(0.01);

test('system silence is flagged only past 10 s and only while the mic hears speech', () => {
  const w = new CaptureWatch(0, true);
  w.onAudio('them', sound, 1000, 0);
  w.onAudio('them', zeros, 5000, 0);
  assert.equal(w.health(1000 + SYSTEM_SILENT_FLAG_SEC * 1000 + 500, 0.5).systemSilentWhileMicSpeaks, false, 'the mic heard too little speech');
  assert.equal(w.health(1000 + 9_000, 5).systemSilentWhileMicSpeaks, false, 'not yet 10 s');
  const h = w.health(1000 + 12_000, 5);
  assert.equal(h.systemSilentWhileMicSpeaks, true);
  assert.equal(h.systemSilentSec, 12);
  w.onAudio('them', sound, 13_500, 6);
  assert.equal(w.health(14_000, 7).systemSilentWhileMicSpeaks, false, 'sound from the call clears it');
  assert.match(w.notes()[0], /^system audio was digital silence for 12 s from 1\.0 s into the call while the microphone heard speech/);
});

test('a call without a system side is never flagged', () => {
  const w = new CaptureWatch(0, false);
  assert.equal(w.health(60_000, 30).systemSilentWhileMicSpeaks, false);
  assert.deepEqual(w.notes(), []);
});

test('a device switch is kept with the gap until the new device delivers', () => {
  const w = new CaptureWatch(0, true);
  w.onSwitch('them', 'a.monitor', 'b.monitor', 4000, 3800);
  assert.equal(w.health(4100, 0).switches[0].gapSec, null);
  w.onAudio('them', zeros, 4400, 0);
  assert.deepEqual(w.health(4500, 0).switches, [{ side: 'them', atSec: 4, from: 'a.monitor', to: 'b.monitor', gapSec: 0.6 }]);
  assert.deepEqual(w.notes(), ['system audio switched from a.monitor to b.monitor 4.0 s into the call (the default device changed): a gap of 0.6 s, filled with silence']);
});
