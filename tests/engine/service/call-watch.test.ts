// The engine notices calls by itself, for real: another process (not a child
// of this one) opens the test PulseAudio daemon's microphone with parec, and
// the engine service says so as onCallNoticed (and, when the user chose it,
// starts coaching); when the microphone stays released it offers to stop.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { CallNotice } from '../../../src-main/contract/engine-api';
import { EngineService } from '../../../src-main/engine/service/engine-service';
import { openStoreWorker } from '../../../src-main/engine/store/worker/store-client';
import { foreignRecorder, killQuietly, sleep, startPulse, until } from '../../support/pulse';
import { tempDir } from '../../support/tmp';
import { FakeSession } from './fake-session';

const rig = startPulse();
const mic = `${rig.micSink}.monitor`;

async function setup(platform = 'linux') {
  const store = await openStoreWorker(join(tempDir('candor-watch-'), 'candor.db'));
  after(() => store.close());
  const sessions: FakeSession[] = [];
  const svc = new EngineService({
    store,
    captureMode: 'engine',
    platform,
    createCapture: async (req) => ({ sources: [req.capture] }),
    createSession: (req) => {
      const s = new FakeSession(req);
      sessions.push(s);
      return s;
    },
    callWatch: { detector: { mic, confirmMs: 300, releaseMs: 1500 } },
  });
  const notices: CallNotice[] = [];
  svc.on('onCallNoticed', (n) => notices.push(n));
  return { svc, store, sessions, notices };
}

test('another app taking the microphone is noticed; released, the engine offers to stop', { timeout: 30_000 }, async () => {
  const { svc, notices, sessions } = await setup();
  await svc.updateSettings({ consent: { accepted: true } });
  svc.startCallWatch();
  let pid = 0;
  try {
    assert.ok(await until(() => notices.length === 0 && sessions.length === 0, 100));
    assert.deepEqual((await svc.status()).callDetection, { state: 'watching' });
    pid = foreignRecorder(mic);
    assert.ok(await until(() => notices.length === 1, 6000), 'the engine noticed the call');
    const n = notices[0];
    assert.ok(n.kind === 'started');
    assert.deepEqual(n.apps, ['parec']);
    assert.equal(n.autoStarted, false, 'auto-start is off by default: the HUD asks');
    assert.equal(sessions.length, 0);

    await svc.startCall({}); // the user clicked "Start coaching"
    killQuietly(pid);
    pid = 0;
    assert.ok(await until(() => notices.length === 2, 6000), 'the release is noticed after releaseMs');
    const e = notices[1];
    assert.ok(e.kind === 'ended');
    assert.ok(e.releasedSec >= 1.5, `released ${e.releasedSec} s`);
    assert.equal(e.callRunning, true, 'so the HUD offers to stop');
  } finally {
    if (pid) killQuietly(pid);
    await svc.shutdown();
  }
});

test('with auto-start chosen, the engine starts coaching by itself; switched off, it stops watching', { timeout: 30_000 }, async () => {
  const { svc, notices, sessions } = await setup();
  await svc.updateSettings({ consent: { accepted: true }, callDetection: { autoStart: true } });
  svc.startCallWatch();
  let pid = 0;
  try {
    pid = foreignRecorder(mic);
    assert.ok(await until(() => notices.length === 1, 6000));
    assert.ok(notices[0].kind === 'started' && notices[0].autoStarted);
    assert.equal(sessions.length, 1, 'a call was started');
    assert.notEqual((await svc.status()).callId, null);
    killQuietly(pid);
    pid = 0;
    await svc.stopCall();

    await svc.updateSettings({ callDetection: { notice: false } });
    assert.deepEqual((await svc.status()).callDetection, { state: 'off' });
    pid = foreignRecorder(mic);
    await sleep(1500);
    assert.equal(notices.length, 1, 'nothing is noticed while switched off');
  } finally {
    if (pid) killQuietly(pid);
    await svc.shutdown();
  }
});

test('elsewhere than Linux the status says why calls are not noticed', async () => {
  const { svc } = await setup('darwin');
  svc.startCallWatch();
  const s = (await svc.status()).callDetection;
  assert.equal(s.state, 'unsupported');
  assert.match(s.reason ?? '', /Linux/);
  await svc.shutdown();
});
