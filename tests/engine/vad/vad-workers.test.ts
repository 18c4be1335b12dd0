// The VAD in a thread per side gives exactly what the in-thread VAD gives,
// block after block, and fails with a CandorError, not a hang.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import { CandorError } from '../../../src-main/contract/errors';
import { readMono16k } from '../../../src-main/engine/audio/read-whole';
import { GatedVad } from '../../../src-main/engine/vad/gated-vad';
import { VAD_FRAME } from '../../../src-main/engine/vad/frames';
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
  const threads = await VadWorkers.create(2, { threads: 2 });
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

test('createVad: this thread unless asked; "auto" takes one thread on two cores, or CANDOR_VAD_THREADS', async () => {
  const saved = process.env.CANDOR_VAD_THREADS;
  try {
    delete process.env.CANDOR_VAD_THREADS;
    assert.ok((await createVad(2)) instanceof GatedVad);
    const auto = await createVad(2, { threads: 'auto' });
    const { availableParallelism } = await import('node:os');
    assert.equal(auto instanceof VadWorkers, availableParallelism() >= 2);
    await auto.close();
    process.env.CANDOR_VAD_THREADS = '0';
    assert.ok((await createVad(2, { threads: 'auto' })) instanceof GatedVad);
    process.env.CANDOR_VAD_THREADS = '2';
    const two = await createVad(2, { threads: 'auto' });
    assert.ok(two instanceof VadWorkers);
    assert.equal(two.streams, 2);
    await two.close();
    process.env.CANDOR_VAD_THREADS = 'many';
    await assert.rejects(createVad(2, { threads: 'auto' }), (err: CandorError) => err.code === 'BAD_ARGUMENT' && err.message.includes('CANDOR_VAD_THREADS'));
  } finally {
    if (saved === undefined) delete process.env.CANDOR_VAD_THREADS;
    else process.env.CANDOR_VAD_THREADS = saved;
  }
});

test('one thread for both streams answers as two threads and as this thread', async () => {
  const x = Float32Array.from({ length: 64 * VAD_FRAME }, (_, i) => Math.sin(i / 9) * 0.05 * (i % 7000 < 3500 ? 1 : 0));
  const y = Float32Array.from({ length: 64 * VAD_FRAME }, (_, i) => Math.cos(i / 13) * 0.08);
  const here = await GatedVad.create(2);
  const one = await VadWorkers.create(2, { threads: 1 });
  const two = await VadWorkers.create(2, { threads: 2 });
  try {
    const [a, b, c] = await Promise.all([here.run([x, y], 64), one.run([x, y], 64), two.run([x, y], 64)]);
    assert.deepEqual(Array.from(b), Array.from(a));
    assert.deepEqual(Array.from(c), Array.from(a));
  } finally {
    await Promise.all([one.close(), two.close()]);
  }
});

test('closing while blocks are in the model waits for them: the process does not abort', async () => {
  const threads = await VadWorkers.create(2, { threads: 2 });
  const x = Float32Array.from({ length: 200 * VAD_FRAME }, (_, i) => Math.sin(i / 11) * 0.1);
  const sent = [0, 1, 2].map(() => threads.run([x, x], 200));
  const t0 = performance.now();
  await threads.close();
  const ms = performance.now() - t0;
  // the blocks already sent were answered, later ones are refused
  for (const p of sent) assert.equal((await p).length, 400);
  await assert.rejects(threads.run([x, x], 1), CandorError);
  assert.ok(ms < 4000, `closed in ${ms.toFixed(0)} ms: the threads ended by themselves, not by the 5 s fallback`);
});
