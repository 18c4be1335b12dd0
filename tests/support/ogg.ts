// Ogg pages for tests: split a real Ogg file into its pages, and build pages
// (with a correct CRC) that real encoders never write: empty pages, empty
// packets, damaged granule positions.

export interface OggPageBytes {
  /** Offset of the page in the file. */
  at: number;
  headerType: number;
  granule: bigint;
  serial: number;
  sequence: number;
  /** Lacing values: one byte per segment. */
  lacing: number[];
  body: Uint8Array;
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let r = i << 24;
    for (let j = 0; j < 8; j++) r = r & 0x80000000 ? (r << 1) ^ 0x04c11db7 : r << 1;
    t[i] = r >>> 0;
  }
  return t;
})();

function oggCrc(bytes: Uint8Array): number {
  let crc = 0;
  for (const b of bytes) crc = ((crc << 8) ^ CRC_TABLE[((crc >>> 24) ^ b) & 0xff]) >>> 0;
  return crc >>> 0;
}

export function splitOggPages(file: Uint8Array): OggPageBytes[] {
  const pages: OggPageBytes[] = [];
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  let at = 0;
  while (at + 27 <= file.length && String.fromCharCode(...file.subarray(at, at + 4)) === 'OggS') {
    const n = file[at + 26];
    const lacing = [...file.subarray(at + 27, at + 27 + n)];
    const size = lacing.reduce((a, b) => a + b, 0);
    const bodyAt = at + 27 + n;
    pages.push({
      at,
      headerType: file[at + 5],
      granule: view.getBigInt64(at + 6, true),
      serial: view.getUint32(at + 14, true),
      sequence: view.getUint32(at + 18, true),
      lacing,
      body: file.slice(bodyAt, bodyAt + size),
    });
    at = bodyAt + size;
  }
  return pages;
}

export function buildOggPage(p: Omit<OggPageBytes, 'at'>): Uint8Array {
  const out = new Uint8Array(27 + p.lacing.length + p.body.length);
  const view = new DataView(out.buffer);
  out.set([0x4f, 0x67, 0x67, 0x53], 0);
  out[4] = 0;
  out[5] = p.headerType;
  view.setBigInt64(6, p.granule, true);
  view.setUint32(14, p.serial, true);
  view.setUint32(18, p.sequence, true);
  out[26] = p.lacing.length;
  out.set(p.lacing, 27);
  out.set(p.body, 27 + p.lacing.length);
  view.setUint32(22, oggCrc(out), true);
  return out;
}

export function joinOggPages(pages: Omit<OggPageBytes, 'at'>[]): Uint8Array {
  const parts = pages.map(buildOggPage);
  const out = new Uint8Array(parts.reduce((a, p) => a + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export const OGG_EOS = 0x04;
