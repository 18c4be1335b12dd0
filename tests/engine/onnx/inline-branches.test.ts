// The specialised Silero graph computes the same bits as the published one,
// on real meeting speech, for a batch of one and of two; and a branch is
// only taken ahead of time when its condition cannot depend on the data.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import * as ort from 'onnxruntime-node';
import { readMono16k } from '../../../src-main/engine/audio/read-whole';
import { inlineBranches, type SpecialiseOptions } from '../../../src-main/engine/onnx/inline-branches';
import { encodeGraph, encodeModel, parseModel } from '../../../src-main/engine/onnx/onnx-model';
import { bytesField, encodeFields, stringField, varintField, type PbField } from '../../../src-main/engine/onnx/protobuf-wire';
import { VAD_FRAME } from '../../../src-main/engine/vad/frames';
import { loadPublishedSession, loadSession, specialisation } from '../../../src-main/engine/vad/silero-vad';
import { assertPresent, skipUnlessPresent } from '../../support/shared-data';
import { SHARED_DATA, SHARED_MODELS } from '../../support/tmp';
import { sideBySide } from '../../support/vad-side-by-side';

const MODEL = join(SHARED_MODELS, 'silero_vad_v6.onnx');
const SPEECH = [join(SHARED_DATA, 'meetings/dev00.wav'), join(SHARED_DATA, 'meetings/tst01.wav')];
const SILERO: SpecialiseOptions = specialisation();

test('the Silero graph is parsed and written back byte for byte', { skip: skipUnlessPresent([MODEL]) }, async () => {
  assertPresent([MODEL]);
  const bytes = readFileSync(MODEL);
  const model = parseModel(bytes);
  assert.equal(Buffer.compare(Buffer.from(encodeModel(model, encodeGraph(model.graph, {}))), bytes), 0);
  assert.equal(model.graph.nodes.filter((n) => n.opType === 'If').length, 1);
});

test('specialised Silero: no branch left, and the same probabilities and states, bit for bit, on 2 min of meeting speech', { skip: skipUnlessPresent([MODEL, ...SPEECH]) }, async () => {
  assertPresent([MODEL, ...SPEECH]);
  const spec = await inlineBranches(readFileSync(MODEL), SILERO);
  assert.equal(spec.inlined, 7);
  const count = (g: ReturnType<typeof parseModel>['graph']): number => g.nodes.filter((n) => n.opType === 'If').length;
  assert.equal(count(parseModel(spec.bytes).graph), 0);
  const published = await loadPublishedSession(MODEL);
  const specialised = await ort.InferenceSession.create(spec.bytes, { intraOpNumThreads: 1, logSeverityLevel: 3 });
  const [a, b] = await Promise.all(SPEECH.map((f) => readMono16k(f)));
  const frames = Math.min(3750, Math.floor(Math.min(a.length, b.length) / VAD_FRAME)); // 2 min
  for (const streams of [[a], [a, b]]) {
    const B = streams.length;
    let speech = 0;
    await sideBySide([published, specialised], streams, frames, (f, { probabilities: [p, q], states }) => {
      for (let i = 0; i < B; i++) {
        assert.ok(Object.is(p[i], q[i]), `frame ${f}, stream ${i}: ${p[i]} published, ${q[i]} specialised`);
        speech += p[i] >= 0.5 ? 1 : 0;
      }
      assert.ok(states, 'a block of one frame ends at every frame');
      const [s, t] = states;
      assert.ok(s.every((v, i) => Object.is(v, t[i])), `frame ${f}: the states differ`);
    });
    // the comparison covered speech, not only silence
    assert.ok(speech > frames * B * 0.3, `${speech} of ${frames * B} frames were speech`);
  }
});

test('the pipeline\'s VAD session is built from the specialised graph (its MatMul form)', { skip: skipUnlessPresent([MODEL]) }, async () => {
  assertPresent([MODEL]);
  const s = await loadSession(MODEL);
  assert.equal(s.fallback, null);
  assert.equal(s.form, 'matmul');
});

// ---- small graphs built here: what may and may not be taken ahead of time

const FLOAT = 1;
const tensorType = (elem: number): Uint8Array => encodeFields([bytesField(1, encodeFields([varintField(1, elem)]))]);
const valueInfo = (name: string, elem = FLOAT): Uint8Array => encodeFields([stringField(1, name), bytesField(2, tensorType(elem))]);
const attrGraph = (name: string, g: Uint8Array): PbField => bytesField(5, encodeFields([stringField(1, name), bytesField(6, g), varintField(20, 5)]));
const node = (op: string, inputs: string[], outputs: string[], attrs: PbField[] = []): Uint8Array =>
  encodeFields([...inputs.map((i) => stringField(1, i)), ...outputs.map((o) => stringField(2, o)), stringField(3, outputs[0]), stringField(4, op), ...attrs]);
const graph = (nodes: Uint8Array[], inputs: string[], outputs: string[], inits: Uint8Array[] = []): Uint8Array =>
  encodeFields([...nodes.map((n) => bytesField(1, n)), stringField(2, 'g'), ...inits.map((t) => bytesField(5, t)),
    ...inputs.map((i) => bytesField(11, valueInfo(i))), ...outputs.map((o) => bytesField(12, valueInfo(o)))]);
const floatInit = (name: string, v: number): Uint8Array => encodeFields([varintField(2, FLOAT), stringField(8, name), bytesField(9, new Uint8Array(new Float32Array([v]).buffer))]);
const int64Scalar = (name: string, v: bigint): Uint8Array => encodeFields([varintField(2, 7), stringField(8, name), bytesField(9, new Uint8Array(new BigInt64Array([v]).buffer))]);
const model = (g: Uint8Array): Uint8Array => encodeFields([varintField(1, 8), bytesField(8, encodeFields([varintField(2, 16)])), bytesField(7, g)]);

/** y = x where cond, else -x; both branches read x from the outer graph. */
function ifModel(condNodes: Uint8Array[], inits: Uint8Array[] = []): Uint8Array {
  const then = graph([node('Identity', ['x'], ['y_then'])], [], ['y_then']);
  const otherwise = graph([node('Neg', ['x'], ['y_else'])], [], ['y_else']);
  return model(graph([...condNodes, node('If', ['cond'], ['y'], [attrGraph('then_branch', then), attrGraph('else_branch', otherwise)])], ['x'], ['y'], inits));
}

async function run(bytes: Uint8Array, x: number[]): Promise<number[]> {
  const s = await ort.InferenceSession.create(bytes, { logSeverityLevel: 3 });
  const out = await s.run({ x: new ort.Tensor('float32', Float32Array.from(x), [x.length]) });
  return Array.from(out.y.data as Float32Array);
}

test('a condition on the input\'s length is taken ahead of time, and the result is unchanged', async () => {
  // cond = (len(x) == 2)
  const withTwo = ifModel([node('Shape', ['x'], ['shape']), node('Gather', ['shape', 'zero'], ['len']), node('Equal', ['len', 'two'], ['cond'])],
    [int64Scalar('zero', 0n), int64Scalar('two', 2n)]);
  const spec = await inlineBranches(withTwo, { cases: [{ x: [2] }], fixed: {} });
  assert.equal(spec.inlined, 1);
  assert.equal(parseModel(spec.bytes).graph.nodes.some((n) => n.opType === 'If'), false);
  assert.deepEqual(await run(spec.bytes, [3, -4]), await run(withTwo, [3, -4]));
  // a length for which the branch differs cannot share the graph
  await assert.rejects(inlineBranches(withTwo, { cases: [{ x: [2] }, { x: [3] }], fixed: {} }), /takes different values/);
});

test('a condition on the data is never taken ahead of time', async () => {
  // cond = (max(x) > 0): the branch depends on the values
  const dataCond = ifModel([node('ReduceMax', ['x'], ['m']), node('Greater', ['m', 'zero'], ['cond'])], [floatInit('zero', 0)]);
  await assert.rejects(inlineBranches(dataCond, { cases: [{ x: [2] }], fixed: {} }), /depends on the data/);
  // cond = (len(nonzero(x)) == 2): a shape, but of a tensor whose shape depends on the values
  const nz = ifModel([node('NonZero', ['x'], ['nz']), node('Size', ['nz'], ['n']), node('Equal', ['n', 'two'], ['cond'])], [int64Scalar('two', 2n)]);
  await assert.rejects(inlineBranches(nz, { cases: [{ x: [2] }], fixed: {} }), /depends on the data/);
  // an input fed a fixed value may decide (Silero's sample rate)
  const bySr = model(graph([node('Equal', ['sr', 'k'], ['cond']), node('If', ['cond'], ['y'], [
    attrGraph('then_branch', graph([node('Identity', ['x'], ['y_then'])], [], ['y_then'])),
    attrGraph('else_branch', graph([node('Neg', ['x'], ['y_else'])], [], ['y_else'])),
  ])], ['x', 'sr'], ['y'], [floatInit('k', 16000)]));
  const spec = await inlineBranches(bySr, { cases: [{ x: [1] }], fixed: { sr: new ort.Tensor('float32', Float32Array.from([8000]), []) } });
  assert.equal(spec.inlined, 1);
  const s = await ort.InferenceSession.create(spec.bytes, { logSeverityLevel: 3 });
  const out = await s.run({ x: new ort.Tensor('float32', Float32Array.from([5]), [1]), sr: new ort.Tensor('float32', Float32Array.from([8000]), []) });
  assert.deepEqual(Array.from(out.y.data as Float32Array), [-5]);
});
