// Writing a new ONNX model from parts (onnx/onnx.proto): nodes with plain
// attributes, initializers from typed arrays, inputs and outputs with their
// shapes. Used where a graph is re-expressed rather than edited
// (vad/silero-matmul.ts); onnx-model.ts edits a graph read from a file.
import { bytesField, encodeFields, stringField, varintField, type PbField } from './protobuf-wire';

/** Field numbers and enum values, from onnx.proto. */
const MODEL = { irVersion: 1, producerName: 2, graph: 7, opsetImport: 8 } as const;
const OPSET = { version: 2 } as const;
const GRAPH = { node: 1, name: 2, initializer: 5, input: 11, output: 12 } as const;
const NODE = { input: 1, output: 2, name: 3, opType: 4, attribute: 5 } as const;
const ATTRIBUTE = { name: 1, i: 3, s: 4, ints: 8, type: 20 } as const;
const ATTRIBUTE_TYPE = { INT: 2, STRING: 3, INTS: 7 } as const;
const TENSOR = { dims: 1, dataType: 2, name: 8, rawData: 9 } as const;
const VALUE_INFO = { name: 1, type: 2 } as const;
const TENSOR_TYPE = { elemType: 1, shape: 2 } as const;
const DIM = { value: 1, param: 2 } as const;

export const FLOAT = 1;
export const INT32 = 6;
export const INT64 = 7;

/** An attribute value: an int, a list of ints, or a string. */
export type AttrValue = number | readonly number[] | string;

function attribute(name: string, v: AttrValue): Uint8Array {
  const f: PbField[] = [stringField(ATTRIBUTE.name, name)];
  if (typeof v === 'string') f.push(stringField(ATTRIBUTE.s, v), varintField(ATTRIBUTE.type, ATTRIBUTE_TYPE.STRING));
  else if (typeof v === 'number') f.push(varintField(ATTRIBUTE.i, v), varintField(ATTRIBUTE.type, ATTRIBUTE_TYPE.INT));
  else f.push(...v.map((x) => varintField(ATTRIBUTE.ints, x)), varintField(ATTRIBUTE.type, ATTRIBUTE_TYPE.INTS));
  return encodeFields(f);
}

/** A NodeProto; its name is its first output. An empty input name is an omitted optional input. */
export function node(opType: string, inputs: readonly string[], outputs: readonly string[], attrs: Record<string, AttrValue> = {}): Uint8Array {
  return encodeFields([
    ...inputs.map((i) => stringField(NODE.input, i)),
    ...outputs.map((o) => stringField(NODE.output, o)),
    stringField(NODE.name, outputs[0]),
    stringField(NODE.opType, opType),
    ...Object.entries(attrs).map(([k, v]) => bytesField(NODE.attribute, attribute(k, v))),
  ]);
}

/** A TensorProto holding `data` (float32 or int64) as raw little-endian bytes. */
export function tensor(name: string, dims: readonly number[], data: Float32Array | BigInt64Array): Uint8Array {
  const count = dims.reduce((a, b) => a * b, 1);
  if (count !== data.length) throw new Error(`tensor ${name}: ${data.length} values for dims [${dims.join(', ')}]`);
  const raw = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return encodeFields([...dims.map((d) => varintField(TENSOR.dims, d)), varintField(TENSOR.dataType, data instanceof Float32Array ? FLOAT : INT64),
    stringField(TENSOR.name, name), bytesField(TENSOR.rawData, raw)]);
}

/** An int64 vector initializer (axes, pads, shapes, slice bounds). */
export const int64s = (name: string, values: readonly number[]): Uint8Array => tensor(name, [values.length], BigInt64Array.from(values, BigInt));

export interface ValueSpec {
  name: string;
  elemType: number;
  /** A number is a fixed size; a string names a size that may vary (the batch). */
  dims: readonly (number | string)[];
}

function valueInfo(v: ValueSpec): Uint8Array {
  const dims = v.dims.map((d) => bytesField(1, encodeFields([typeof d === 'number' ? varintField(DIM.value, d) : stringField(DIM.param, d)])));
  const tensorType = encodeFields([varintField(TENSOR_TYPE.elemType, v.elemType), bytesField(TENSOR_TYPE.shape, encodeFields(dims))]);
  return encodeFields([stringField(VALUE_INFO.name, v.name), bytesField(VALUE_INFO.type, encodeFields([bytesField(1, tensorType)]))]);
}

export interface ModelSpec {
  name: string;
  /** The default-domain opset the nodes are written for. */
  opset: number;
  nodes: Uint8Array[];
  initializers: Uint8Array[];
  inputs: ValueSpec[];
  outputs: ValueSpec[];
}

/** A ModelProto (IR version 8) with one graph. */
export function buildModel(m: ModelSpec): Uint8Array {
  const graph = encodeFields([
    ...m.nodes.map((n) => bytesField(GRAPH.node, n)),
    stringField(GRAPH.name, m.name),
    ...m.initializers.map((t) => bytesField(GRAPH.initializer, t)),
    ...m.inputs.map((v) => bytesField(GRAPH.input, valueInfo(v))),
    ...m.outputs.map((v) => bytesField(GRAPH.output, valueInfo(v))),
  ]);
  return encodeFields([
    varintField(MODEL.irVersion, 8),
    stringField(MODEL.producerName, 'candor'),
    bytesField(MODEL.opsetImport, encodeFields([varintField(OPSET.version, m.opset)])),
    bytesField(MODEL.graph, graph),
  ]);
}
