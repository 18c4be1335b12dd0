// Specialises an ONNX graph to the shapes (and the few fixed values) it is
// always fed: every If whose condition follows from those alone is replaced
// by the branch it would take, and onnxruntime's optimiser folds the shape
// arithmetic that fed the conditions.
//
// Why: Silero VAD v6 is exported with seven nested Ifs (sample rate, batch
// of one or more, state given or not) and ~150 shape nodes around 7 convs
// and one LSTM. onnxruntime walks all of them on every 32 ms frame, and for
// one frame that walking cost about as much as the arithmetic. Specialised,
// the graph holds the same arithmetic nodes with the same weights, so the
// results are the same bits (tests/engine/onnx/inline-branches.test.ts):
// 18-21% less CPU a frame, batch of one or two (bench/audio.ts).
//
// A condition is taken only when it is provably a function of the inputs'
// shapes and the fixed values: its value flows from constants, fixed inputs
// and Shape/Size of tensors whose own shapes follow from the inputs' shapes
// (no NonZero, Loop, data-dependent Reshape...). Anything else is an error
// and the caller keeps the graph as it was. The value each condition takes
// is read by running the graph once in onnxruntime with the conditions as
// extra outputs: onnxruntime's semantics, not a re-implementation of them.
// Each case of shapes is run, and a condition that differs between them
// (a batch of one against two, say) is an error: one graph serves them all.
import * as ort from 'onnxruntime-node';
import { BOOL, encodeGraph, encodeModel, initializersOf, inputElemType, parseModel, simpleNode, type OnnxGraph, type OnnxNode } from './onnx-model';

export interface SpecialiseOptions {
  /** The data inputs' dimensions, one record per case the graph will be fed (a batch of one, of two). */
  cases: Record<string, readonly number[]>[];
  /** Inputs always fed the same value (Silero's sample rate), with that value. */
  fixed: Record<string, ort.Tensor>;
}

export interface Specialised {
  bytes: Uint8Array;
  /** If nodes replaced by their branch. */
  inlined: number;
}

/** Branches inside branches are inlined level by level: more levels than this is not a model this code expects. */
const MAX_LEVELS = 32;

/** Ops whose output shape depends on the values of their data, not only their shapes. */
const DATA_SHAPED = new Set(['NonZero', 'Compress', 'Unique', 'NonMaxSuppression', 'Loop', 'Scan', 'If', 'StringSplit', 'SequenceConstruct']);

/** Inputs whose values (not only shapes) set the output shape, by op. */
const SHAPE_ARGS: Record<string, readonly number[]> = {
  ConstantOfShape: [0], Range: [0, 1, 2], Reshape: [1], Expand: [1], Tile: [1], Slice: [1, 2, 3, 4], Pad: [1, 3],
  Squeeze: [1], Unsqueeze: [1], Split: [1], TopK: [1], OneHot: [1], Resize: [1, 2, 3], Upsample: [1], CenterCropPad: [1, 2],
  ReduceMean: [1], ReduceSum: [1], ReduceMax: [1], ReduceMin: [1], ReduceProd: [1], ReduceL1: [1], ReduceL2: [1],
  ReduceLogSum: [1], ReduceLogSumExp: [1], ReduceSumSquare: [1],
};

/** Ops whose output is not a function of their inputs. */
const RANDOM = new Set(['RandomNormal', 'RandomUniform', 'RandomNormalLike', 'RandomUniformLike', 'Multinomial', 'Bernoulli', 'Dropout']);

class Provenance {
  private readonly producer = new Map<string, OnnxNode>();
  private readonly constants: Set<string>;
  private readonly valueMemo = new Map<string, boolean>();
  private readonly shapeMemo = new Map<string, boolean>();

  constructor(graph: OnnxGraph, private readonly opts: SpecialiseOptions) {
    for (const n of graph.nodes) for (const o of n.outputs) this.producer.set(o, n);
    this.constants = new Set(graph.initializerNames);
  }

  /** The value of `name` follows from the inputs' shapes, the fixed inputs and constants. */
  valueKnown(name: string): boolean {
    const memo = this.valueMemo.get(name);
    if (memo !== undefined) return memo;
    this.valueMemo.set(name, false); // a cycle is not known
    let known: boolean;
    const n = this.producer.get(name);
    if (name === '' || name in this.opts.fixed || this.constants.has(name)) known = true;
    else if (!n) known = false; // a data input
    else if (n.opType === 'Constant' && !n.domain) known = true;
    else if ((n.opType === 'Shape' || n.opType === 'Size') && !n.domain) known = this.shapeKnown(n.inputs[0]);
    // any other op of the standard domain is a function of its inputs
    else known = !n.domain && !RANDOM.has(n.opType) && !n.graphs.size && !n.hasGraphList && n.inputs.every((i) => this.valueKnown(i));
    this.valueMemo.set(name, known);
    return known;
  }

  /** The shape of `name` follows from the inputs' shapes, the fixed inputs and constants. */
  shapeKnown(name: string): boolean {
    const memo = this.shapeMemo.get(name);
    if (memo !== undefined) return memo;
    this.shapeMemo.set(name, false);
    let known: boolean;
    const n = this.producer.get(name);
    if (name === '' || name in this.opts.cases[0] || name in this.opts.fixed || this.constants.has(name)) known = true;
    else if (!n) known = false; // an input of free shape
    else if (n.domain || DATA_SHAPED.has(n.opType) || n.graphs.size || n.hasGraphList) known = false;
    else {
      const args = SHAPE_ARGS[n.opType] ?? [];
      known = n.inputs.every((input, i) => (args.includes(i) ? this.valueKnown(input) : this.shapeKnown(input)));
    }
    this.shapeMemo.set(name, known);
    return known;
  }
}

function zeros(type: number, dims: readonly number[]): ort.Tensor {
  const size = dims.reduce((a, b) => a * b, 1);
  if (type === 1) return new ort.Tensor('float32', new Float32Array(size), dims);
  if (type === 7) return new ort.Tensor('int64', new BigInt64Array(size), dims);
  if (type === 6) return new ort.Tensor('int32', new Int32Array(size), dims);
  throw new Error(`an input of element type ${type} cannot be probed`);
}

/** The value each condition takes on inputs of these shapes, read from onnxruntime. */
async function probe(modelBytes: Uint8Array, graph: OnnxGraph, conditions: string[], opts: SpecialiseOptions): Promise<boolean[]> {
  const model = parseModel(modelBytes);
  const bytes = encodeModel(model, encodeGraph(graph, { addOutputs: conditions.map((name) => ({ name, elemType: BOOL })) }));
  const session = await ort.InferenceSession.create(bytes, { graphOptimizationLevel: 'disabled', logSeverityLevel: 3, intraOpNumThreads: 1, interOpNumThreads: 1 });
  try {
    let first: boolean[] | null = null;
    for (const shapes of opts.cases) {
      const feeds: Record<string, ort.Tensor> = { ...opts.fixed };
      for (const [name, dims] of Object.entries(shapes)) feeds[name] = zeros(inputElemType(graph, name), dims);
      const out = await session.run(feeds, conditions);
      const values = conditions.map((c) => {
        const t = out[c];
        if (!t || t.type !== 'bool' || t.size !== 1) throw new Error(`the condition "${c}" is not one boolean`);
        return Boolean((t.data as Uint8Array)[0]);
      });
      const differs = first?.findIndex((v, i) => v !== values[i]) ?? -1;
      if (differs >= 0) throw new Error(`the condition "${conditions[differs]}" takes different values for the cases given`);
      first ??= values;
    }
    if (!first) throw new Error('no case of input shapes was given');
    return first;
  } finally {
    await session.release();
  }
}

/** Replaces each If by the nodes of the branch taken, and an Identity per output; the branch's initializers move up. */
function inline(graph: OnnxGraph, taken: Map<OnnxNode, boolean>): { nodes: OnnxNode[]; initializers: Uint8Array[] } {
  const names = new Set<string>([...graph.inputs, ...graph.initializerNames, ...graph.nodes.flatMap((n) => n.outputs)]);
  const nodes: OnnxNode[] = [];
  const initializers: Uint8Array[] = [];
  for (const n of graph.nodes) {
    const cond = taken.get(n);
    if (cond === undefined) {
      nodes.push(n);
      continue;
    }
    const branch = n.graphs.get(cond ? 'then_branch' : 'else_branch');
    if (!branch) throw new Error(`the If node "${n.name}" has no ${cond ? 'then' : 'else'} branch`);
    if (branch.sparseInitializers) throw new Error(`a branch of "${n.name}" has sparse initializers`);
    if (branch.outputs.length !== n.outputs.length) throw new Error(`a branch of "${n.name}" has ${branch.outputs.length} outputs for ${n.outputs.length}`);
    for (const name of [...branch.initializerNames, ...branch.nodes.flatMap((b) => b.outputs)]) {
      if (name && names.has(name)) throw new Error(`inlining "${n.name}" would give two values the name "${name}"`);
      names.add(name);
    }
    nodes.push(...branch.nodes);
    initializers.push(...initializersOf(branch));
    branch.outputs.forEach((o, k) => nodes.push(simpleNode('Identity', `${n.name}/inlined_output_${k}`, [o], [n.outputs[k]])));
  }
  return { nodes, initializers };
}

export async function inlineBranches(modelBytes: Uint8Array, opts: SpecialiseOptions): Promise<Specialised> {
  let bytes = modelBytes;
  let inlined = 0;
  for (let level = 0; ; level++) {
    const model = parseModel(bytes);
    const graph = model.graph;
    const ifs = graph.nodes.filter((n) => n.opType === 'If' && !n.domain);
    if (!ifs.length) return { bytes, inlined };
    if (level === MAX_LEVELS) throw new Error(`branches nested more than ${MAX_LEVELS} deep`);
    // An If whose condition reads the shape of another If's output waits until that one is inlined.
    const provenance = new Provenance(graph, opts);
    const ready = ifs.filter((n) => provenance.valueKnown(n.inputs[0]));
    if (!ready.length) throw new Error(`the condition of "${ifs[0].name}" depends on the data, not only on the shapes of the inputs`);
    const values = await probe(bytes, graph, ready.map((n) => n.inputs[0]), opts);
    const { nodes, initializers } = inline(graph, new Map(ready.map((n, i) => [n, values[i]])));
    bytes = encodeModel(model, encodeGraph(graph, { nodes, addInitializers: initializers }));
    inlined += ready.length;
  }
}
