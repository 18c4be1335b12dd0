// Screen vision in a live call: the window pushes RGBA frames at ~2 fps, the
// engine counts faces with YuNet, and the call is saved with its vision
// samples and summary. Real engine, real LiveSession, real SQLite file.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import test from 'node:test';
import { CandorError } from '../../../src-main/contract/errors';
import { ENGINE_METHODS } from '../../../src-main/contract/engine-api';
import { createEngine } from '../../../src-main/engine/service/create-engine';
import { decodeImageFile } from '../../../src-main/engine/vision/image';
import { TURN_TAKING } from '../../support/scenarios';
import { buildCall, writeCall } from '../../support/synth';
import { assertPresent, skipUnlessPresent } from '../../support/shared-data';
import { SHARED_DATA, SHARED_MODELS, tempDir } from '../../support/tmp';

process.env.CANDOR_MODELS_DIR ??= SHARED_MODELS;
const faces = join(SHARED_DATA, 'faces', 'five.jpg');
const DATA = [faces, join(process.env.CANDOR_MODELS_DIR!, 'yunet_n_320_320.onnx')];
const dir = tempDir();

test('pushVideoFrame payloads are validated', () => {
  const v = ENGINE_METHODS.pushVideoFrame.validate;
  assert.deepEqual(v({ width: 16, height: 16, rgba: new Uint8Array(1024), t: 0 }), { width: 16, height: 16, rgba: new Uint8Array(1024), t: 0 });
  assert.throws(() => v({ width: 16, height: 16, rgba: new Uint8Array(100), t: 0 }), (e: CandorError) =>
    e.message === 'Expected a Uint8Array of width * height * 4 = 1024 bytes for pushVideoFrame.rgba but received a Uint8Array of length 100');
  assert.throws(() => v({ width: 99999, height: 16, rgba: new Uint8Array(1), t: 0 }), /pushVideoFrame\.width/);
  assert.throws(() => v({ width: 16, height: 16, rgba: new Uint8Array(1024), t: 0, extra: 1 }), /extra/);
});

test('frames of a call with five faces on screen are counted and saved with the call',
  { skip: skipUnlessPresent(DATA) }, async () => {
    assertPresent(DATA);
    const file = join(dir, 'call.wav');
    writeCall(file, buildCall(TURN_TAKING.slice(0, 4)));
    const { service, store } = await createEngine({ dbPath: join(dir, 'c.db'), replay: { file, speed: 4 } });
    try {
      await service.updateSettings({ consent: { accepted: true } });
      const img = await decodeImageFile(faces);
      const { callId } = await service.startCall({});
      for (let i = 0; i < 6; i++) {
        await service.pushVideoFrame({ width: img.width, height: img.height, rgba: new Uint8Array(img.data), t: i * 0.5 });
      }
      const snap = await service.snapshot();
      assert.deepEqual(snap.vision && { faces: snap.vision.facesVisible, on: snap.vision.cameraOn }, { faces: 5, on: true });
      await service.stopCall();
      const call = await store.get(callId);
      assert.equal(call.vision.length, 6);
      assert.ok(call.vision.every((v) => v.facesVisible === 5 && v.cameraOn));
      assert.equal(call.report?.vision?.facesMedian, 5);
      assert.equal(call.report?.vision?.cameraOnShare, 1);
    } finally {
      await service.shutdown();
    }
  });
