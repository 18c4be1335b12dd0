// Silero VAD v6 at 16 kHz, re-expressed with the same weights as matrix
// products, which onnxruntime runs much faster than the graph's small
// convolutions (a batch-of-two call: ~245 µs specialised, ~170 µs here),
// and over a sequence of frames per call: the encoder has no memory, so it
// runs on every frame of the sequence at once, and only the LSTM steps
// through them (frame-sequence.ts; one call per block of frames).
//
// The published network, per stream and 32 ms frame (576 samples with the
// 64 of context):
//   STFT: pad 64 samples on the right by reflection (640), a Conv of 258
//     filters of 256 taps at a hop of 128 (4 windows), the magnitude of the
//     129 (real, imaginary) pairs;
//   encoder: four Conv(k=3, pad 1) + ReLU: 129→128 (stride 1), 128→64 (2),
//     64→64 (2), 64→128 (1), over 4, 4, 2, 1 time steps;
//   one LSTM step (128 units) from the state [h; c];
//   decoder: ReLU, a 1x1 Conv to one value, sigmoid.
// Here the frames [T, B, 576] are taken as T*B rows for the STFT and the
// encoder, and the same arithmetic is laid out time-major within each frame
// ([row, step, channel]):
//   STFT: the 4 windows are two slices of the signal seen as 5 blocks of 128;
//     one MatMul by the 256x258 basis; the magnitude as the square root of a
//     sum of squares over the (real, imaginary) axis;
//   encoder 0: the three taps of every step side by side (time padded by
//     one step each way), one Gemm by the 387x128 weights;
//   encoders 1-3: over so few steps each is one Gemm by a matrix that holds
//     the taps for every (input step, output step) pair, zero padding
//     included (512x128, 128x64, 64x128);
//   the LSTM as in the graph (ONNX LSTM, gates reordered from PyTorch's
//   i,f,g,o to ONNX's i,o,f,c as the graph does), over the T frames, each
//   stream for its own length (sequence_lens), so that its final state is
//   the one after its last frame; the decoder on every step's output.
// Sums run in another order than onnxruntime's Conv kernels, so results
// agree to float32 rounding (~1e-6), not bit for bit; silero-vad.ts checks
// that at every load and falls back to the graph itself otherwise.
import { buildModel, FLOAT, INT32, int64s, node, tensor } from '../onnx/onnx-build';
import { parseModel, type OnnxGraph } from '../onnx/onnx-model';
import { attributeOf, constantFloats, type FloatTensor } from '../onnx/onnx-values';
import { VAD_WIDTH } from './frames';

const WIDTH = VAD_WIDTH; // 576
const PAD = 64; // reflection padding on the right
const HOP = 128;
const WINDOW = 256;
const STEPS = (WIDTH + PAD - WINDOW) / HOP + 1; // 4
const BINS = 129;
const HIDDEN = 128;

/** The weights the network is rebuilt from, with the shapes Silero v6 gives them. */
const WEIGHTS = {
  basis: ['stft.forward_basis_buffer', [2 * BINS, 1, WINDOW]],
  w0: ['encoder.0.reparam_conv.weight', [128, BINS, 3]],
  b0: ['encoder.0.reparam_conv.bias', [128]],
  w1: ['encoder.1.reparam_conv.weight', [64, 128, 3]],
  b1: ['encoder.1.reparam_conv.bias', [64]],
  w2: ['encoder.2.reparam_conv.weight', [64, 64, 3]],
  b2: ['encoder.2.reparam_conv.bias', [64]],
  w3: ['encoder.3.reparam_conv.weight', [HIDDEN, 64, 3]],
  b3: ['encoder.3.reparam_conv.bias', [HIDDEN]],
  wih: ['decoder.rnn.weight_ih', [4 * HIDDEN, HIDDEN]],
  whh: ['decoder.rnn.weight_hh', [4 * HIDDEN, HIDDEN]],
  bih: ['decoder.rnn.bias_ih', [4 * HIDDEN]],
  bhh: ['decoder.rnn.bias_hh', [4 * HIDDEN]],
  wd: ['decoder.decoder.2.weight', [1, HIDDEN, 1]],
  bd: ['decoder.decoder.2.bias', [1]],
} as const;
type WeightKey = keyof typeof WEIGHTS;

/** Strides of the four encoder convolutions, as the graph sets them. */
const ENCODER_STRIDES = [1, 2, 2, 1];

const sameDims = (a: readonly number[], b: readonly number[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

/** The one Constant of the graph whose output is named `name` (alone, or after an inliner's prefix). */
function weight(graph: OnnxGraph, key: WeightKey): FloatTensor & { output: string } {
  const [name, dims] = WEIGHTS[key];
  const found = graph.nodes.filter((n) => n.opType === 'Constant' && (n.outputs[0] === name || n.outputs[0].endsWith(`__${name}`)));
  if (found.length !== 1) throw new Error(`the graph has ${found.length} constants named ${name}`);
  const t = constantFloats(found[0]);
  if (!t) throw new Error(`${name} is not a float tensor`);
  // a bias may be written as a scalar or a vector of one
  if (!sameDims(t.dims, dims) && !(dims.length === 1 && dims[0] === 1 && t.dims.length === 0)) {
    throw new Error(`${name} has dims [${t.dims.join(', ')}]; Silero v6 at 16 kHz has [${dims.join(', ')}]`);
  }
  return { ...t, output: found[0].outputs[0] };
}

/** The Conv that applies `weightOutput`, with the attributes this rewrite relies on checked. */
function convStride(graph: OnnxGraph, weightOutput: string, kernel: number, pads: number[]): number {
  const conv = graph.nodes.filter((n) => n.opType === 'Conv' && n.inputs[1] === weightOutput);
  if (conv.length !== 1) throw new Error(`${weightOutput} feeds ${conv.length} convolutions`);
  const c = conv[0];
  const ints = (name: string, dflt: number[]): number[] => {
    const v = attributeOf(c, name);
    return v === undefined ? dflt : Array.isArray(v) ? v : [Number(v)];
  };
  if (!sameDims(ints('pads', [0, 0]), pads) || !sameDims(ints('dilations', [1]), [1]) || (attributeOf(c, 'group') ?? 1) !== 1
    || !sameDims(ints('kernel_shape', [kernel]), [kernel])) {
    throw new Error(`the convolution of ${weightOutput} is not a plain one of ${kernel} taps padded by [${pads.join(', ')}]`);
  }
  return ints('strides', [1])[0];
}

/**
 * One product for a Conv(k=3, pad 1) over so few steps that every (input
 * step, output step, tap) can be spelled out: in [T_in*C_in] → out
 * [T_out*C_out], both time-major; taps that fall on the padding are absent.
 */
function convAsMatrix(w: Float32Array, cOut: number, cIn: number, tIn: number, stride: number): { m: Float32Array; tOut: number } {
  const tOut = Math.floor((tIn + 2 - 3) / stride) + 1;
  const cols = tOut * cOut;
  const m = new Float32Array(tIn * cIn * cols);
  for (let to = 0; to < tOut; to++) {
    for (let k = 0; k < 3; k++) {
      const ti = to * stride + k - 1;
      if (ti < 0 || ti >= tIn) continue;
      for (let o = 0; o < cOut; o++) for (let c = 0; c < cIn; c++) m[(ti * cIn + c) * cols + to * cOut + o] = w[(o * cIn + c) * 3 + k];
    }
  }
  return { m, tOut };
}

/** An LSTM weight or bias in PyTorch's gate order (i, f, g, o) put in ONNX's (i, o, f, c). */
function onnxGateOrder(w: Float32Array): Float32Array {
  const block = w.length / 4;
  const out = new Float32Array(w.length);
  [0, 3, 1, 2].forEach((from, to) => out.set(w.subarray(from * block, (from + 1) * block), to * block));
  return out;
}

function repeat(v: Float32Array, times: number): Float32Array {
  const out = new Float32Array(v.length * times);
  for (let i = 0; i < times; i++) out.set(v, i * v.length);
  return out;
}

/**
 * The MatMul form of a Silero v6 graph specialised to 16 kHz
 * (onnx/inline-branches.ts), over sequences: inputs frames [T, B, 576]
 * (time-major, each frame with its context), lengths [B] (int32, each
 * stream's frame count, 1..T: frames past it are not read) and state
 * [2, B, 128]; outputs output [T, B, 1] (undefined past a stream's length)
 * and stateN [2, B, 128], each stream's after its last frame.
 * Throws when the graph is not the network described above.
 */
export function sileroAsMatMuls(specialised: Uint8Array): Uint8Array {
  const { graph } = parseModel(specialised);
  if (graph.nodes.some((n) => n.opType === 'If' || n.opType === 'Loop')) throw new Error('the graph still has branches: specialise it first');
  const W = Object.fromEntries((Object.keys(WEIGHTS) as WeightKey[]).map((k) => [k, weight(graph, k)])) as Record<WeightKey, ReturnType<typeof weight>>;
  const pads = graph.nodes.filter((n) => n.opType === 'Pad');
  if (pads.length !== 1 || attributeOf(pads[0], 'mode') !== 'reflect') throw new Error('the STFT is not padded by reflection');
  if (convStride(graph, W.basis.output, WINDOW, [0, 0]) !== HOP) throw new Error(`the STFT's hop is not ${HOP}`);
  const strides = (['w0', 'w1', 'w2', 'w3'] as const).map((k) => convStride(graph, W[k].output, 3, [1, 1]));
  if (!sameDims(strides, ENCODER_STRIDES)) throw new Error(`the encoder's strides are [${strides.join(', ')}]`);

  // STFT basis, transposed: [256, 258]
  const basisT = new Float32Array(WINDOW * 2 * BINS);
  for (let o = 0; o < 2 * BINS; o++) for (let j = 0; j < WINDOW; j++) basisT[j * 2 * BINS + o] = W.basis.data[o * WINDOW + j];
  // encoder 0 as taps side by side: row k*129 + c, column o
  const w0 = new Float32Array(3 * BINS * 128);
  for (let o = 0; o < 128; o++) for (let c = 0; c < BINS; c++) for (let k = 0; k < 3; k++) w0[(k * BINS + c) * 128 + o] = W.w0.data[(o * BINS + c) * 3 + k];
  const e1 = convAsMatrix(W.w1.data, 64, 128, STEPS, ENCODER_STRIDES[1]);
  const e2 = convAsMatrix(W.w2.data, 64, 64, e1.tOut, ENCODER_STRIDES[2]);
  const e3 = convAsMatrix(W.w3.data, HIDDEN, 64, e2.tOut, ENCODER_STRIDES[3]);
  if (e3.tOut !== 1) throw new Error(`the encoder ends with ${e3.tOut} steps, not 1`);
  const lstmBias = new Float32Array(8 * HIDDEN);
  lstmBias.set(onnxGateOrder(W.bih.data), 0);
  lstmBias.set(onnxGateOrder(W.bhh.data), 4 * HIDDEN);
  const wd = new Float32Array(W.wd.data); // [1, 128, 1] read as [128, 1]

  const blocks = (WIDTH + PAD) / HOP; // 5
  const initializers = [
    int64s('rows_shape', [-1, WIDTH]), int64s('hidden_dim', [HIDDEN]),
    int64s('pad_stft', [0, 0, 0, PAD]),
    int64s('blocks_shape', [0, blocks, HOP]),
    int64s('zero', [0]), int64s('one', [1]), int64s('two', [2]), int64s('axis1', [1]),
    int64s('steps', [STEPS]), int64s('steps1', [STEPS + 1]), int64s('steps2', [STEPS + 2]),
    tensor('basis_t', [WINDOW, 2 * BINS], basisT),
    int64s('pairs_shape', [0, STEPS, 2, BINS]),
    int64s('pad_steps', [0, 1, 0, 0, 1, 0]),
    int64s('cols0_shape', [-1, 3 * BINS]),
    tensor('w0', [3 * BINS, 128], w0), tensor('b0', [128], W.b0.data),
    int64s('flat1_shape', [-1, STEPS * 128]),
    tensor('w1', [STEPS * 128, e1.tOut * 64], e1.m), tensor('b1', [e1.tOut * 64], repeat(W.b1.data, e1.tOut)),
    tensor('w2', [e1.tOut * 64, e2.tOut * 64], e2.m), tensor('b2', [e2.tOut * 64], repeat(W.b2.data, e2.tOut)),
    tensor('w3', [e2.tOut * 64, HIDDEN], e3.m), tensor('b3', [HIDDEN], W.b3.data),
    tensor('lstm_w', [1, 4 * HIDDEN, HIDDEN], onnxGateOrder(W.wih.data)),
    tensor('lstm_r', [1, 4 * HIDDEN, HIDDEN], onnxGateOrder(W.whh.data)),
    tensor('lstm_b', [1, 8 * HIDDEN], lstmBias),
    tensor('wd', [HIDDEN, 1], wd), tensor('bd', [1], new Float32Array(W.bd.data)),
  ];
  const nodes = [
    // every frame of the sequence as a row
    node('Reshape', ['frames', 'rows_shape'], ['rows']),
    // STFT
    node('Pad', ['rows', 'pad_stft'], ['padded'], { mode: 'reflect' }),
    node('Reshape', ['padded', 'blocks_shape'], ['blocks']),
    node('Slice', ['blocks', 'zero', 'steps', 'axis1'], ['first_halves']),
    node('Slice', ['blocks', 'one', 'steps1', 'axis1'], ['second_halves']),
    node('Concat', ['first_halves', 'second_halves'], ['windows'], { axis: 2 }),
    node('MatMul', ['windows', 'basis_t'], ['spectrum']),
    node('Reshape', ['spectrum', 'pairs_shape'], ['pairs']),
    node('ReduceSumSquare', ['pairs'], ['power'], { axes: [2], keepdims: 0 }),
    node('Sqrt', ['power'], ['magnitude']),
    // encoder 0: the three taps of each step side by side
    node('Pad', ['magnitude', 'pad_steps'], ['magnitude_padded']),
    node('Slice', ['magnitude_padded', 'zero', 'steps', 'axis1'], ['tap0']),
    node('Slice', ['magnitude_padded', 'one', 'steps1', 'axis1'], ['tap1']),
    node('Slice', ['magnitude_padded', 'two', 'steps2', 'axis1'], ['tap2']),
    node('Concat', ['tap0', 'tap1', 'tap2'], ['taps'], { axis: 2 }),
    node('Reshape', ['taps', 'cols0_shape'], ['cols0']),
    node('Gemm', ['cols0', 'w0', 'b0'], ['enc0']),
    node('Relu', ['enc0'], ['act0']),
    // encoders 1-3
    node('Reshape', ['act0', 'flat1_shape'], ['flat1']),
    node('Gemm', ['flat1', 'w1', 'b1'], ['enc1']),
    node('Relu', ['enc1'], ['act1']),
    node('Gemm', ['act1', 'w2', 'b2'], ['enc2']),
    node('Relu', ['enc2'], ['act2']),
    node('Gemm', ['act2', 'w3', 'b3'], ['enc3']),
    node('Relu', ['enc3'], ['act3']),
    // the LSTM over the sequence, from [T*B, 128] back to [T, B, 128]
    node('Shape', ['frames'], ['frames_shape']),
    node('Slice', ['frames_shape', 'zero', 'two', 'zero'], ['time_batch']),
    node('Concat', ['time_batch', 'hidden_dim'], ['lstm_x_shape'], { axis: 0 }),
    node('Reshape', ['act3', 'lstm_x_shape'], ['lstm_x']),
    node('Split', ['state'], ['h0', 'c0'], { axis: 0 }),
    node('LSTM', ['lstm_x', 'lstm_w', 'lstm_r', 'lstm_b', 'lengths', 'h0', 'c0'], ['lstm_y', 'h1', 'c1'], { hidden_size: HIDDEN }),
    node('Concat', ['h1', 'c1'], ['stateN'], { axis: 0 }),
    // decoder, on every step: [T, 1, B, 128] -> [T, B, 1]
    node('Squeeze', ['lstm_y', 'one'], ['h']),
    node('Relu', ['h'], ['dec_in']),
    node('MatMul', ['dec_in', 'wd'], ['dec_out']),
    node('Add', ['dec_out', 'bd'], ['logit']),
    node('Sigmoid', ['logit'], ['output']),
  ];
  return buildModel({
    name: 'silero_vad_v6_16k_matmul',
    opset: 16,
    nodes,
    initializers,
    inputs: [
      { name: 'frames', elemType: FLOAT, dims: ['time', 'batch', WIDTH] },
      { name: 'lengths', elemType: INT32, dims: ['batch'] },
      { name: 'state', elemType: FLOAT, dims: [2, 'batch', HIDDEN] },
    ],
    outputs: [
      { name: 'output', elemType: FLOAT, dims: ['time', 'batch', 1] },
      { name: 'stateN', elemType: FLOAT, dims: [2, 'batch', HIDDEN] },
    ],
  });
}
