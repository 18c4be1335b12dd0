// Keeping audio is opt-in. When on, a live call's audio is written as a
// WAV beside the database, readable even after a crash (the recovery fixes
// its header), and deleting the call deletes the file.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import { readSides } from '../../../src-main/engine/audio/read-whole';
import { WavStreamWriter } from '../../../src-main/engine/audio/wav-stream-writer';
import { ReplaySource } from '../../../src-main/engine/capture/replay-source';
import { LiveSession } from '../../../src-main/engine/live/live-session';
import { analyzeCall } from '../../../src-main/engine/pipeline/analyze-call';
import { CallStore } from '../../../src-main/engine/store/calls-store';
import { recoverInterruptedCalls } from '../../../src-main/engine/store/recovery';
import { openStoreWorker } from '../../../src-main/engine/store/worker/store-client';
import { TURN_TAKING } from '../../support/scenarios';
import { buildCall, writeCall } from '../../support/synth';
import { SHARED_MODELS, tempDir } from '../../support/tmp';

process.env.CANDOR_MODELS_DIR ??= SHARED_MODELS;
const dir = tempDir();
const file = join(dir, 'call.wav');
const call = buildCall(TURN_TAKING.slice(0, 4));
writeCall(file, call);

test('off by default: a live call keeps no audio', async () => {
  const store = await openStoreWorker(join(dir, 'off.db'));
  const s = new LiveSession({ store, sources: [new ReplaySource({ file }, 16)] });
  const id = await s.start();
  await new Promise((r) => s.once('source-end', r));
  await s.stop();
  assert.equal((await store.get(id)).audioFile, null);
  await store.close();
});

test('on: the call audio is kept, matches what was analysed, and goes with the call', async () => {
  const store = await openStoreWorker(join(dir, 'on.db'), { audioDir: dir }); // the folder delete may remove audio from
  const kept = join(dir, 'kept.wav');
  const s = new LiveSession({ store, sources: [new ReplaySource({ file }, 16)], keepAudioFile: kept });
  const id = await s.start();
  await new Promise((r) => s.once('source-end', r));
  const report = await s.stop();
  assert.equal((await store.get(id)).audioFile, kept);
  const sides = await readSides({ file: kept });
  assert.ok(Math.abs(sides.me!.length / 16000 - report.durationSec) < 0.05, `${sides.me!.length / 16000} s kept of ${report.durationSec} s`);
  const again = await analyzeCall({ file: kept });
  assert.deepEqual(again.report.metrics.talkSec, report.metrics.talkSec);
  await store.delete([id]);
  assert.equal(existsSync(kept), false, 'deleting the call deletes its audio');
  await store.close();
});

test('a crash leaves a readable file; recovery writes the real sizes into its header', async () => {
  const store = new CallStore(join(dir, 'crash.db'));
  const path = join(dir, 'crash.wav');
  const w = new WavStreamWriter(path, 2);
  w.write([new Float32Array(16000).fill(0.1), new Float32Array(16000).fill(-0.1)]);
  const id = store.begin({ source: 'live' });
  store.setAudioFile(id, path);
  store.checkpoint(id, [{ side: 'me', start: 0, end: 0.9, syllables: 2 }], [], 1);
  store.db.prepare('UPDATE calls SET owner_pid = NULL WHERE id = ?').run(id); // its recorder is gone
  assert.equal(readFileSync(path).readUInt32LE(40), 0xffffffff, 'sizes unknown while recording');
  assert.equal((await readSides({ file: path })).me!.length, 16000, 'readable as it is');
  assert.deepEqual(recoverInterruptedCalls(store), [id]);
  const b = readFileSync(path);
  assert.equal(b.readUInt32LE(40), statSync(path).size - 44);
  assert.equal(b.readUInt32LE(4), statSync(path).size - 8);
  store.close();
});
