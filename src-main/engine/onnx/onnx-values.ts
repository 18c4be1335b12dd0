// Reading values out of a parsed graph (onnx-model.ts): the float tensor a
// Constant node holds, and a node's plain attributes. Enough for code that
// re-expresses a known model from its weights (vad/silero-matmul.ts).
import type { OnnxNode } from './onnx-model';
import { decodeFields, text, varintValue, varintValues, Wire, type PbField } from './protobuf-wire';

/** Field numbers, from onnx.proto. */
const NODE_ATTRIBUTE = 5;
const ATTRIBUTE = { name: 1, i: 3, s: 4, t: 5, ints: 8 } as const;
const TENSOR = { dims: 1, dataType: 2, floatData: 4, rawData: 9 } as const;
const FLOAT = 1;

export interface FloatTensor {
  dims: number[];
  data: Float32Array;
}

function attributeFields(node: OnnxNode, name: string): PbField[] | null {
  for (const a of node.fields.filter((f) => f.no === NODE_ATTRIBUTE)) {
    const af = decodeFields(a.data);
    const n = af.find((f) => f.no === ATTRIBUTE.name);
    if (n && text(n) === name) return af;
  }
  return null;
}

/** A node's int, ints or string attribute; undefined when the node does not set it. */
export function attributeOf(node: OnnxNode, name: string): number | number[] | string | undefined {
  const af = attributeFields(node, name);
  if (!af) return undefined;
  const ints = af.filter((f) => f.no === ATTRIBUTE.ints);
  if (ints.length) return ints.flatMap((f) => varintValues(f).map((v) => Number(BigInt.asIntN(64, v))));
  const i = af.find((f) => f.no === ATTRIBUTE.i);
  if (i) return Number(BigInt.asIntN(64, varintValue(i)));
  const s = af.find((f) => f.no === ATTRIBUTE.s);
  return s ? text(s) : undefined;
}

/** The float32 tensor of a Constant node (its `value` attribute); null for any other node or type. */
export function constantFloats(node: OnnxNode): FloatTensor | null {
  if (node.opType !== 'Constant' || node.domain !== '') return null;
  const t = attributeFields(node, 'value')?.find((f) => f.no === ATTRIBUTE.t);
  if (!t) return null;
  const tf = decodeFields(t.data);
  const type = tf.find((f) => f.no === TENSOR.dataType);
  if (!type || Number(varintValue(type)) !== FLOAT) return null;
  const dims = tf.filter((f) => f.no === TENSOR.dims).flatMap((f) => varintValues(f).map(Number));
  const count = dims.reduce((a, b) => a * b, 1);
  const raw = tf.find((f) => f.no === TENSOR.rawData);
  let data: Float32Array;
  if (raw) {
    // copied: the field is a view into the model's bytes at any alignment
    data = new Float32Array(Uint8Array.prototype.slice.call(raw.data).buffer);
  } else {
    const floats = tf.filter((f) => f.no === TENSOR.floatData);
    const bytes = floats.map((f) => (f.wire === Wire.Bytes || f.wire === Wire.Fixed32 ? f.data : new Uint8Array()));
    data = new Float32Array(Uint8Array.prototype.slice.call(Buffer.concat(bytes)).buffer);
  }
  if (data.length !== count) throw new Error(`a constant of dims [${dims.join(', ')}] holds ${data.length} values`);
  return { dims, data };
}
