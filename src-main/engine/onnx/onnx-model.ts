// The parts of an ONNX model (onnx/onnx.proto, IR 3-10) that the graph
// specialiser reads and rewrites: a graph's nodes, initializers, inputs and
// outputs; a node's op, inputs, outputs and graph attributes. Everything
// else (weights, opsets, metadata, docs) is carried as the bytes it was.
import { bytesField, decodeFields, encodeFields, stringField, text, varintField, varintValue, Wire, type PbField } from './protobuf-wire';

/** Field numbers, from onnx.proto. */
const MODEL = { graph: 7 } as const;
const GRAPH = { node: 1, initializer: 5, input: 11, output: 12, valueInfo: 13, sparseInitializer: 15 } as const;
const NODE = { input: 1, output: 2, name: 3, opType: 4, attribute: 5, domain: 7 } as const;
const ATTRIBUTE = { name: 1, g: 6, graphs: 11 } as const;
const VALUE_INFO = { name: 1, type: 2 } as const;
const TYPE = { tensorType: 1 } as const;
const TENSOR_TYPE = { elemType: 1 } as const;
const TENSOR = { name: 8 } as const;

/** onnx.TensorProto.DataType.BOOL */
export const BOOL = 9;

export interface OnnxNode {
  opType: string;
  domain: string;
  name: string;
  inputs: string[];
  outputs: string[];
  /** Attributes holding one graph (If's branches, Loop's body), by name. */
  graphs: Map<string, OnnxGraph>;
  /** Attributes holding a list of graphs: none of the ops this code rewrites has one. */
  hasGraphList: boolean;
  fields: PbField[];
}

export interface OnnxGraph {
  nodes: OnnxNode[];
  /** Names of the graph's initializers (and of its sparse ones). */
  initializerNames: string[];
  sparseInitializers: number;
  inputs: string[];
  outputs: string[];
  fields: PbField[];
}

function strings(fields: PbField[], no: number): string[] {
  return fields.filter((f) => f.no === no).map(text);
}

function nameOf(fields: PbField[], no: number): string {
  const f = fields.find((x) => x.no === no);
  return f ? text(f) : '';
}

function parseNode(data: Uint8Array): OnnxNode {
  const fields = decodeFields(data);
  const graphs = new Map<string, OnnxGraph>();
  let hasGraphList = false;
  for (const a of fields.filter((f) => f.no === NODE.attribute)) {
    const af = decodeFields(a.data);
    const g = af.find((f) => f.no === ATTRIBUTE.g);
    if (g) graphs.set(nameOf(af, ATTRIBUTE.name), parseGraph(g.data));
    if (af.some((f) => f.no === ATTRIBUTE.graphs)) hasGraphList = true;
  }
  return {
    opType: nameOf(fields, NODE.opType),
    domain: nameOf(fields, NODE.domain),
    name: nameOf(fields, NODE.name),
    inputs: strings(fields, NODE.input),
    outputs: strings(fields, NODE.output),
    graphs,
    hasGraphList,
    fields,
  };
}

export function parseGraph(data: Uint8Array): OnnxGraph {
  const fields = decodeFields(data);
  return {
    nodes: fields.filter((f) => f.no === GRAPH.node).map((f) => parseNode(f.data)),
    initializerNames: fields.filter((f) => f.no === GRAPH.initializer).map((f) => nameOf(decodeFields(f.data), TENSOR.name)),
    sparseInitializers: fields.filter((f) => f.no === GRAPH.sparseInitializer).length,
    inputs: fields.filter((f) => f.no === GRAPH.input).map((f) => nameOf(decodeFields(f.data), VALUE_INFO.name)),
    outputs: fields.filter((f) => f.no === GRAPH.output).map((f) => nameOf(decodeFields(f.data), VALUE_INFO.name)),
    fields,
  };
}

/** A node with no graph attributes, written from its parts (Identity, for example). */
export function simpleNode(opType: string, name: string, inputs: string[], outputs: string[]): OnnxNode {
  const fields = [...inputs.map((i) => stringField(NODE.input, i)), ...outputs.map((o) => stringField(NODE.output, o)),
    stringField(NODE.name, name), stringField(NODE.opType, opType)];
  return { opType, domain: '', name, inputs, outputs, graphs: new Map(), hasGraphList: false, fields };
}

export interface ModelParts {
  /** Every field of the ModelProto but its graph, as read. */
  fields: PbField[];
  graph: OnnxGraph;
}

export function parseModel(bytes: Uint8Array): ModelParts {
  const fields = decodeFields(bytes);
  const graphs = fields.filter((f) => f.no === MODEL.graph);
  if (graphs.length !== 1) throw new Error(`the model has ${graphs.length} graphs; an ONNX model has one`);
  return { fields, graph: parseGraph(graphs[0].data) };
}

/** A graph value's type: a tensor of `elemType`, any shape. */
function valueInfo(name: string, elemType: number): Uint8Array {
  const tensor: PbField[] = [varintField(TENSOR_TYPE.elemType, elemType)];
  return encodeFields([stringField(VALUE_INFO.name, name), bytesField(VALUE_INFO.type, encodeFields([bytesField(TYPE.tensorType, encodeFields(tensor))]))]);
}

/** The element type of a graph input, as declared. */
export function inputElemType(graph: OnnxGraph, name: string): number {
  const f = graph.fields.find((x) => x.no === GRAPH.input && nameOf(decodeFields(x.data), VALUE_INFO.name) === name);
  if (!f) throw new Error(`the graph has no input "${name}"`);
  const type = decodeFields(decodeFields(f.data).find((x) => x.no === VALUE_INFO.type)?.data ?? new Uint8Array());
  const tensor = decodeFields(type.find((x) => x.no === TYPE.tensorType)?.data ?? new Uint8Array());
  const elem = tensor.find((x) => x.no === TENSOR_TYPE.elemType);
  if (!elem) throw new Error(`the graph input "${name}" is not a tensor`);
  return Number(varintValue(elem));
}

export interface GraphEdits {
  nodes?: OnnxNode[];
  /** Initializers (TensorProto bytes) added after the graph's own. */
  addInitializers?: Uint8Array[];
  /** Outputs added after the graph's own: name and element type (shape left open). */
  addOutputs?: { name: string; elemType: number }[];
}

/** The graph's bytes with these edits; every other field is kept as it was read. */
export function encodeGraph(graph: OnnxGraph, edits: GraphEdits): Uint8Array {
  const out: PbField[] = [];
  let nodesWritten = false;
  const writeNodes = (): void => {
    if (nodesWritten) return;
    nodesWritten = true;
    for (const n of edits.nodes ?? graph.nodes) out.push(bytesField(GRAPH.node, encodeFields(n.fields)));
  };
  for (const f of graph.fields) {
    if (f.no === GRAPH.node) writeNodes();
    else out.push(f);
  }
  writeNodes();
  for (const t of edits.addInitializers ?? []) out.push(bytesField(GRAPH.initializer, t));
  for (const o of edits.addOutputs ?? []) out.push(bytesField(GRAPH.output, valueInfo(o.name, o.elemType)));
  return encodeFields(out);
}

/** The initializers of a graph, as TensorProto bytes. */
export function initializersOf(graph: OnnxGraph): Uint8Array[] {
  return graph.fields.filter((f) => f.no === GRAPH.initializer).map((f) => f.data);
}

/** The model's bytes with its graph replaced. */
export function encodeModel(model: ModelParts, graphBytes: Uint8Array): Uint8Array {
  return encodeFields(model.fields.map((f) => (f.no === MODEL.graph ? { no: MODEL.graph, wire: Wire.Bytes, data: graphBytes } : f)));
}
