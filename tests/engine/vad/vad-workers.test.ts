// The VAD in a thread per side gives exactly what the in-thread VAD gives,
// block after block, and fails with a CandorError, not a hang.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import { CandorError } from '../../../src-main/contract/errors';
import { readMono16k } from '../../../src-main/engine/audio/read-whole';
import { GatedVad } from '../../../src-main/engine/vad/gated-vad';
import { VAD_FRAME } from '../../../src-main/engine/vad/silero-vad';
import { createVad, VadWorkers } from '../../../src-main/engine/vad/vad-workers';
import { assertPresent, skipUnlessPresent } from '../../support/shared-data';
import { SHARED_DATA, SHARED_MODELS, tempDir } from '../../support/tmp';

process.env.CANDOR_MODELS_DIR ??= SHARED_MODELS;
const CLIPS = [join(SHARED_DATA, 'jfk.flac'), join(SHARED_DATA, 'pyannote_sample.wav')];

test('a thread per side gives the same probabilities as this thread, in order, skips included', { skip: skipUnlessPresent(CLIPS) }, async () => {
  assertPresent(CLIPS);
  const [a, b] = await Promise.all(CLIPS.map((f) => readMono16k(f)));
  // two sides of one length, with 7 s of digital silence on "them" so the gate skips
  const n = Math.floor(Math.max(a.length, b.length + 7 * 16000) / VAD_FRAME);
  const me = new Float32Array(n * VAD_FRAME);
  me.set(a.subarray(0, me.length));
  const them = new Float32Array(n * VAD_FRAME);
  them.set(b.subarray(0, them.length - 7 * 16000), 7 * 16000);
  const here = await GatedVad.create(2);
  const threads = await VadWorkers.create(2);
  try {
    const blocks = [13, 32, 1, 32, 7];
    let f = 0;
    let k = 0;
    while (f < n) {
      const len = Math.min(blocks[k++ % blocks.length], n - f);
      const block = [me.subarray(f * VAD_FRAME, (f + len) * VAD_FRAME), them.subarray(f * VAD_FRAME, (f + len) * VAD_FRAME)];
      // two blocks in flight at once, as the pipeline sends them
      const [p1, p2] = await Promise.all([here.run(block, len), threads.run(block, len)]);
      assert.deepEqual(Array.from(p2), Array.from(p1), `block at frame ${f}`);
      f += len;
    }
    assert.deepEqual(threads.stats(), here.stats());
    assert.ok(here.stats().skipped[1] > 0, 'the silence on "them" was skipped');
  } finally {
    await threads.close();
  }
});

test('blocks sent before the answers come are answered in order', async () => {
  const threads = await VadWorkers.create(2);
  try {
    const x = Float32Array.from({ length: 40 * VAD_FRAME }, (_, i) => Math.sin(i / 7) * 0.1);
    const here = await GatedVad.create(2);
    const want: number[] = [];
    for (let f = 0; f < 40; f += 4) want.push(...(await here.run([x.subarray(f * VAD_FRAME, (f + 4) * VAD_FRAME), x.subarray(f * VAD_FRAME, (f + 4) * VAD_FRAME)], 4)));
    const sent: Promise<Float32Array>[] = [];
    for (let f = 0; f < 40; f += 4) sent.push(threads.run([x.subarray(f * VAD_FRAME, (f + 4) * VAD_FRAME), x.subarray(f * VAD_FRAME, (f + 4) * VAD_FRAME)], 4));
    const got = (await Promise.all(sent)).flatMap((p) => Array.from(p));
    assert.deepEqual(got, want);
  } finally {
    await threads.close();
  }
});

test('a damaged model fails with MODEL_CORRUPT from the threads, and they are stopped', async () => {
  const bad = join(tempDir(), 'broken.onnx');
  writeFileSync(bad, 'not a model');
  await assert.rejects(VadWorkers.create(2, { modelPath: bad }), (err: CandorError) => err instanceof CandorError && err.code === 'MODEL_CORRUPT' && err.message.includes(bad));
});

test('work sent after close fails with a CandorError', async () => {
  const threads = await VadWorkers.create(2);
  await threads.close();
  await assert.rejects(threads.run([new Float32Array(VAD_FRAME), new Float32Array(VAD_FRAME)], 1), CandorError);
});

test('createVad: threads for two streams when asked and the machine has two cores, this thread otherwise', async () => {
  const one = await createVad(1, { threads: 'auto' });
  assert.ok(one instanceof GatedVad);
  const here = await createVad(2);
  assert.ok(here instanceof GatedVad);
  const auto = await createVad(2, { threads: 'auto' });
  try {
    const { availableParallelism } = await import('node:os');
    assert.equal(auto instanceof VadWorkers, availableParallelism() >= 2);
  } finally {
    await auto.close();
  }
});
