// The call detector against a real PulseAudio daemon: another process (not a
// child of this one) opens the virtual microphone with parec, as a call app
// would, and the detector fires; Candor's own recorder on the same source
// does not count; releasing the microphone ends the call after releaseMs.
import assert from 'node:assert/strict';
import test from 'node:test';
import { CallDetector } from '../../../src-main/engine/capture/call-detector';
import { isOwnProcess, otherMicUsers, parseMicUsers } from '../../../src-main/engine/capture/mic-users';
import { PulseSource } from '../../../src-main/engine/capture/pulse';
import { foreignRecorder, killQuietly, sleep, startPulse, until } from '../../support/pulse';

const rig = startPulse();
const mic = `${rig.micSink}.monitor`;

test('source-outputs parse into named users; unknown shapes are ignored', () => {
  const json = JSON.stringify([
    { index: 7, source: 2, properties: { 'application.name': 'ZOOM VoiceEngine', 'application.process.id': '4242', 'application.process.binary': 'zoom' } },
    { index: 'x', source: 2 },
    { index: 8, source: 9, properties: {} },
  ]);
  const users = parseMicUsers(json, '1\tspeakers.monitor\tm\ts16le\tIDLE\n2\talsa_input.usb\tm\ts16le\tRUNNING');
  assert.deepEqual(users, [
    { index: 7, source: 'alsa_input.usb', app: 'ZOOM VoiceEngine', pid: 4242, binary: 'zoom' },
    { index: 8, source: '9', app: 'an application', pid: undefined, binary: undefined },
  ]);
  assert.deepEqual(parseMicUsers('not json', ''), []);
});

test('own processes are told apart from others by the parent chain', () => {
  assert.equal(isOwnProcess(process.pid), true);
  assert.equal(isOwnProcess(1), false);
  assert.equal(isOwnProcess(2 ** 22 + 12345), false); // no such process
});

test('another app opening the microphone starts a call; Candor\'s own recorder does not', async () => {
  const started: string[][] = [];
  let ended = 0;
  const det = new CallDetector({ mic, confirmMs: 300, releaseMs: 1500, onCallStarted: (e) => started.push(e.apps), onCallEnded: () => ended++ });
  await det.start();
  const own = new PulseSource('me', mic);
  let foreign = 0;
  try {
    await own.start({ onData: () => {}, onError: () => {} });
    await sleep(1200);
    assert.equal(started.length, 0, 'Candor\'s own parec is not a call');
    assert.deepEqual(await otherMicUsers(mic), []);

    const t0 = Date.now();
    foreign = foreignRecorder(mic);
    assert.ok(await until(() => started.length === 1, 5000), 'the detector fires for another process');
    const latency = Date.now() - t0;
    assert.ok(latency < 3000, `fired ${latency} ms after the app opened the microphone`);
    assert.deepEqual(started[0], ['parec']);
    assert.equal(det.inCall, true);

    killQuietly(foreign);
    foreign = 0;
    await sleep(700);
    assert.equal(ended, 0, 'a released microphone is not the end of the call until releaseMs has passed');
    assert.ok(await until(() => ended === 1, 5000), 'the call ends after the microphone stays released');
    assert.equal(det.inCall, false);
  } finally {
    if (foreign) killQuietly(foreign);
    det.stop();
    await own.stop();
  }
});

test('a blip shorter than confirmMs is not a call, and a re-open during release keeps the call', async () => {
  const started: string[][] = [];
  let ended = 0;
  const det = new CallDetector({ mic, confirmMs: 1500, releaseMs: 2000, onCallStarted: (e) => started.push(e.apps), onCallEnded: () => ended++ });
  await det.start();
  try {
    const blip = foreignRecorder(mic);
    await sleep(400);
    killQuietly(blip);
    await sleep(2500);
    assert.equal(started.length, 0, 'a 0.4 s blip is ignored');

    const a = foreignRecorder(mic);
    assert.ok(await until(() => started.length === 1, 6000));
    killQuietly(a);
    await sleep(600);
    const b = foreignRecorder(mic); // the app re-opens the microphone (device switch)
    await sleep(2500);
    assert.equal(ended, 0, 'the call continues');
    assert.equal(started.length, 1, 'and is not started twice');
    killQuietly(b);
    assert.ok(await until(() => ended === 1, 6000));
  } finally {
    det.stop();
  }
});

test('no sound server is reported once as a CandorError', async () => {
  const errors: string[] = [];
  const saved = process.env.CANDOR_PACTL;
  process.env.CANDOR_PACTL = '/nonexistent/pactl';
  try {
    const det = new CallDetector({ mic, onCallStarted: () => {}, onCallEnded: () => {}, onError: (e) => errors.push(`${e.code}: ${e.message}`) });
    await det.start();
    det.stop();
  } finally {
    if (saved === undefined) delete process.env.CANDOR_PACTL;
    else process.env.CANDOR_PACTL = saved;
  }
  assert.equal(errors.length, 1);
  assert.match(errors[0], /DEVICE_MISSING: PulseAudio tools/);
});
