// The MatMul form of Silero v6 answers as the published graph on real
// meeting speech (to float32 rounding: the sums run in another order), for a
// batch of one and of two, run over sequences of frames as the pipeline runs
// it (blocks of 32 frames offline, about 8 live); a graph that is not the
// network it expects is refused with the reason, and the load check tells a
// wrong weight apart.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import * as ort from 'onnxruntime-node';
import { readMono16k } from '../../../src-main/engine/audio/read-whole';
import { inlineBranches } from '../../../src-main/engine/onnx/inline-branches';
import { parseModel } from '../../../src-main/engine/onnx/onnx-model';
import { encodeFields } from '../../../src-main/engine/onnx/protobuf-wire';
import { constantFloats } from '../../../src-main/engine/onnx/onnx-values';
import { runSequence } from '../../../src-main/engine/vad/frame-sequence';
import { STATE_SIZE, VAD_FRAME, VAD_WIDTH } from '../../../src-main/engine/vad/frames';
import { sileroAsMatMuls } from '../../../src-main/engine/vad/silero-matmul';
import { graphDifference, loadPublishedSession, MATMUL_TOLERANCE, specialisation } from '../../../src-main/engine/vad/silero-vad';
import { assertPresent, skipUnlessPresent } from '../../support/shared-data';
import { SHARED_DATA, SHARED_MODELS } from '../../support/tmp';
import { sideBySide } from '../../support/vad-side-by-side';

const MODEL = join(SHARED_MODELS, 'silero_vad_v6.onnx');
const SPEECH = [join(SHARED_DATA, 'meetings/dev00.wav'), join(SHARED_DATA, 'meetings/tst01.wav')];
const OPTIONS = { intraOpNumThreads: 1, logSeverityLevel: 3 } as const;

async function specialisedBytes(): Promise<Uint8Array> {
  return (await inlineBranches(readFileSync(MODEL), specialisation())).bytes;
}

test('MatMul form: the probabilities of the published graph to 1e-5 over 2 min of meeting speech, no frame across a threshold', { skip: skipUnlessPresent([MODEL, ...SPEECH]) }, async () => {
  assertPresent([MODEL, ...SPEECH]);
  const published = await loadPublishedSession(MODEL);
  const matmul = await ort.InferenceSession.create(sileroAsMatMuls(await specialisedBytes()), OPTIONS);
  const [a, b] = await Promise.all(SPEECH.map((f) => readMono16k(f)));
  const frames = Math.min(3750, Math.floor(Math.min(a.length, b.length) / VAD_FRAME)); // 2 min
  for (const [streams, block] of [[[a], 32], [[a, b], 32], [[a, b], 8]] as const) {
    const B = streams.length;
    let worst = 0;
    let speech = 0;
    // each graph runs free on its own state, as the pipeline would: the published one frame by frame, the form a block per call
    await sideBySide([published, matmul], [...streams], frames, (f, { probabilities: [p, q] }) => {
      for (let i = 0; i < B; i++) {
        worst = Math.max(worst, Math.abs(p[i] - q[i]));
        // the pipeline's thresholds (hysteresis 0.5 / 0.35, the gate's 0.05): the same side of each
        for (const t of [0.5, 0.35, 0.05]) assert.equal(p[i] >= t, q[i] >= t, `frame ${f}, stream ${i}: ${p[i]} published, ${q[i]} MatMul form, across ${t}`);
        speech += p[i] >= 0.5 ? 1 : 0;
      }
    }, block);
    assert.ok(worst <= 1e-5, `batch of ${B}, blocks of ${block}: probabilities differ by up to ${worst}`);
    assert.ok(speech > frames * B * 0.3, `${speech} of ${frames * B} frames were speech`);
  }
});

test('MatMul form: a graph with branches left, or not shaped as Silero v6 at 16 kHz, is refused with the reason', { skip: skipUnlessPresent([MODEL]) }, async () => {
  assertPresent([MODEL]);
  assert.throws(() => sileroAsMatMuls(readFileSync(MODEL)), /still has branches/);
  // the same graph with the encoder's second convolution given stride 1: not the network the form spells out
  const bytes = Buffer.from(await specialisedBytes());
  const conv = parseModel(bytes).graph.nodes.find((n) => n.opType === 'Conv' && n.inputs[1].endsWith('encoder.1.reparam_conv.weight'));
  assert.ok(conv);
  const node = Buffer.from(encodeFields(conv.fields)); // fields are kept as read: the node's own bytes
  const at = bytes.indexOf(node);
  assert.ok(at > 0 && bytes.indexOf(node, at + 1) < 0);
  // the attribute: name "strides", then its one value (field 8, varint 2)
  const value = node.indexOf(Buffer.from('strides')) + 'strides'.length;
  assert.deepEqual([...node.subarray(value, value + 2)], [0x40, 0x02]);
  bytes[at + value + 1] = 0x01;
  assert.throws(() => sileroAsMatMuls(bytes), /encoder's strides are \[1, 1, 2, 1\]/);
});

test('the load check: a weight changed by 1% is told apart, the MatMul form is within the tolerance', { skip: skipUnlessPresent([MODEL]) }, async () => {
  assertPresent([MODEL]);
  const spec = await specialisedBytes();
  const specialised = await ort.InferenceSession.create(spec, OPTIONS);
  const matmul = await ort.InferenceSession.create(sileroAsMatMuls(spec), OPTIONS);
  const diff = await graphDifference(specialised, matmul);
  assert.ok(diff > 0 && diff <= MATMUL_TOLERANCE / 10, `the MatMul form differs by ${diff} on the check frames`);
  // scale the LSTM's input weights by 1.01 in the specialised graph's bytes, then build its form
  const bytes = Buffer.from(spec);
  const w = parseModel(bytes).graph.nodes.find((n) => n.opType === 'Constant' && n.outputs[0].endsWith('decoder.rnn.weight_ih'));
  assert.ok(w);
  const values = constantFloats(w);
  assert.ok(values);
  const raw = Buffer.from(values.data.buffer);
  const at = bytes.indexOf(raw);
  assert.ok(at > 0);
  Buffer.from(values.data.map((x) => x * 1.01).buffer).copy(bytes, at);
  const off = await ort.InferenceSession.create(sileroAsMatMuls(bytes), OPTIONS);
  const far = await graphDifference(specialised, off);
  assert.ok(far > MATMUL_TOLERANCE * 10, `a 1% change moved the outputs by only ${far}`);
});

test('MatMul form: a stream that ends early in a sequence answers as if run alone, and its state is the one after its own last frame', { skip: skipUnlessPresent([MODEL, ...SPEECH]) }, async () => {
  assertPresent([MODEL, ...SPEECH]);
  const matmul = await ort.InferenceSession.create(sileroAsMatMuls(await specialisedBytes()), OPTIONS);
  const [a, b] = await Promise.all(SPEECH.map((f) => readMono16k(f)));
  const T = 20;
  const rowsOf = (s: Float32Array, t: number): Float32Array => s.subarray(60 * 16000 + t * VAD_FRAME - 64, 60 * 16000 + (t + 1) * VAD_FRAME);
  const state = new Float32Array(2 * 2 * STATE_SIZE).map((_, i) => Math.sin(i * 0.7) * 0.4);
  const rows = new Float32Array(T * 2 * VAD_WIDTH);
  for (let t = 0; t < T; t++) {
    rows.set(rowsOf(a, t), (t * 2) * VAD_WIDTH);
    rows.set(rowsOf(b, t), (t * 2 + 1) * VAD_WIDTH);
  }
  const both = await runSequence(matmul, { rows, lengths: Int32Array.from([T, 7]), state });
  // stream b alone, for its 7 frames, from its half of the state
  const aloneRows = new Float32Array(7 * VAD_WIDTH);
  for (let t = 0; t < 7; t++) aloneRows.set(rowsOf(b, t), t * VAD_WIDTH);
  const bState = new Float32Array(2 * STATE_SIZE);
  for (let l = 0; l < 2; l++) bState.set(state.subarray((l * 2 + 1) * STATE_SIZE, (l * 2 + 2) * STATE_SIZE), l * STATE_SIZE);
  const alone = await runSequence(matmul, { rows: aloneRows, lengths: Int32Array.from([7]), state: bState });
  for (let t = 0; t < 7; t++) assert.equal(both.probabilities[t * 2 + 1], alone.probabilities[t], `frame ${t}`);
  for (let l = 0; l < 2; l++) {
    assert.deepEqual(both.state.subarray((l * 2 + 1) * STATE_SIZE, (l * 2 + 2) * STATE_SIZE), alone.state.subarray(l * STATE_SIZE, (l + 1) * STATE_SIZE));
  }
  // and stream a's state is the one after its 20th frame, not its 7th
  const first7 = await runSequence(matmul, { rows, lengths: Int32Array.from([7, 7]), state });
  assert.notDeepEqual(both.state.subarray(0, STATE_SIZE), first7.state.subarray(0, STATE_SIZE));
});
