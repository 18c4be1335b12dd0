// Protocol Buffers wire format, as far as an ONNX model needs it: a message
// is a list of fields, each a number, a wire type and its bytes. Fields are
// kept as they were read, so a message re-encoded without changes gives the
// same bytes back; only the fields a caller replaces are written anew.
// (https://protobuf.dev/programming-guides/encoding/)

export const enum Wire {
  Varint = 0,
  Fixed64 = 1,
  Bytes = 2,
  Fixed32 = 5,
}

/** One field: for Wire.Bytes `data` is the payload, for the others the value's own encoded bytes. */
export interface PbField {
  no: number;
  wire: Wire;
  data: Uint8Array;
}

function readVarint(buf: Uint8Array, at: number): { value: bigint; end: number } {
  let value = 0n;
  let shift = 0n;
  for (let i = at; i < buf.length && shift < 70n; i++) {
    const b = buf[i];
    value |= BigInt(b & 0x7f) << shift;
    if (b < 0x80) return { value, end: i + 1 };
    shift += 7n;
  }
  throw new Error(`a varint at byte ${at} runs past the end of its message`);
}

function varint(value: bigint): Uint8Array {
  const out: number[] = [];
  let v = BigInt.asUintN(64, value);
  while (v >= 0x80n) {
    out.push(Number(v & 0x7fn) | 0x80);
    v >>= 7n;
  }
  out.push(Number(v));
  return Uint8Array.from(out);
}

/** The fields of one message, in the order they were written. */
export function decodeFields(buf: Uint8Array): PbField[] {
  const fields: PbField[] = [];
  let at = 0;
  while (at < buf.length) {
    const tag = readVarint(buf, at);
    const no = Number(tag.value >> 3n);
    const wire = Number(tag.value & 7n) as Wire;
    if (no === 0) throw new Error(`field number 0 at byte ${at}`);
    at = tag.end;
    let end: number;
    let start = at;
    if (wire === Wire.Varint) end = readVarint(buf, at).end;
    else if (wire === Wire.Fixed64) end = at + 8;
    else if (wire === Wire.Fixed32) end = at + 4;
    else if (wire === Wire.Bytes) {
      const len = readVarint(buf, at);
      start = len.end;
      end = start + Number(len.value);
    } else throw new Error(`wire type ${wire} (field ${no}) is not one a model uses`);
    if (end > buf.length) throw new Error(`field ${no} at byte ${at} runs past the end of its message`);
    fields.push({ no, wire, data: buf.subarray(start, end) });
    at = end;
  }
  return fields;
}

export function encodeFields(fields: readonly PbField[]): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const f of fields) {
    parts.push(varint(BigInt((f.no << 3) | f.wire)));
    if (f.wire === Wire.Bytes) parts.push(varint(BigInt(f.data.length)));
    parts.push(f.data);
  }
  return Buffer.concat(parts);
}

export const bytesField = (no: number, data: Uint8Array): PbField => ({ no, wire: Wire.Bytes, data });
export const stringField = (no: number, s: string): PbField => bytesField(no, Buffer.from(s, 'utf8'));
export const varintField = (no: number, v: bigint | number): PbField => ({ no, wire: Wire.Varint, data: varint(BigInt(v)) });

export const text = (f: PbField): string => Buffer.from(f.data.buffer, f.data.byteOffset, f.data.byteLength).toString('utf8');
export const varintValue = (f: PbField): bigint => readVarint(f.data, 0).value;

/** The values of a repeated varint field as written: one value, or a packed run of them. */
export function varintValues(f: PbField): bigint[] {
  if (f.wire !== Wire.Bytes) return [varintValue(f)];
  const out: bigint[] = [];
  for (let at = 0; at < f.data.length;) {
    const v = readVarint(f.data, at);
    out.push(v.value);
    at = v.end;
  }
  return out;
}
