// Finding the frames of a native FLAC stream, robust to damage. A frame
// starts with a header (sync code 0xFFF8/0xFFF9, checked by its CRC-8) and
// ends where the next one starts; its last two bytes are a CRC-16 of the
// frame. A boundary is trusted when the header after it is valid, comes later
// in the stream, and the CRC-16 of the bytes before it matches. When no
// boundary within reach passes the CRC-16 (a damaged frame), the frame is cut
// at the next valid later header instead: the damaged bytes go to the decoder
// as one frame (it reports them), and the frames after it are found again.
// (codec-parser, which only ever accepts a CRC-matched boundary, skipped the
// whole rest of a file after one damaged frame.)

export interface FlacFrameHeader {
  /** Bytes of the header, CRC-8 included. */
  length: number;
  variable: boolean;
  /** The frame number (fixed block size) or the first sample's number (variable). */
  number: number;
  blockSize: number;
}

const BLOCK_SIZES = [0, 192, 576, 1152, 2304, 4608, -8, -16, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768];

const CRC8 = new Uint8Array(256);
const CRC16 = new Uint16Array(256);
for (let i = 0; i < 256; i++) {
  let c = i;
  for (let k = 0; k < 8; k++) c = c & 0x80 ? ((c << 1) ^ 0x07) & 0xff : (c << 1) & 0xff;
  CRC8[i] = c;
  let d = i << 8;
  for (let k = 0; k < 8; k++) d = d & 0x8000 ? ((d << 1) ^ 0x8005) & 0xffff : (d << 1) & 0xffff;
  CRC16[i] = d;
}

function crc8(b: Uint8Array, from: number, to: number): number {
  let c = 0;
  for (let i = from; i < to; i++) c = CRC8[c ^ b[i]];
  return c;
}

export function crc16(b: Uint8Array, from: number, to: number): number {
  let c = 0;
  for (let i = from; i < to; i++) c = ((c << 8) & 0xffff) ^ CRC16[(c >> 8) ^ b[i]];
  return c;
}

/** The frame header at `at`, or null when there is none (or `b` ends before it does). */
export function frameHeader(b: Uint8Array, at: number): FlacFrameHeader | null {
  if (at + 6 > b.length || b[at] !== 0xff || (b[at + 1] & 0xfe) !== 0xf8) return null;
  const variable = (b[at + 1] & 1) === 1;
  const bsCode = b[at + 2] >> 4;
  const srCode = b[at + 2] & 0x0f;
  const chCode = b[at + 3] >> 4;
  const ssCode = (b[at + 3] >> 1) & 0x07;
  if (bsCode === 0 || srCode === 0x0f || chCode > 10 || ssCode === 3 || (b[at + 3] & 1) !== 0) return null;
  // The frame or sample number, coded like UTF-8 (up to 7 bytes).
  let p = at + 4;
  const first = b[p++];
  if (first >= 0x80 && (first < 0xc0 || first === 0xff)) return null;
  const extra = first < 0x80 ? 0 : first >= 0xfe ? 6 : first >= 0xfc ? 5 : first >= 0xf8 ? 4 : first >= 0xf0 ? 3 : first >= 0xe0 ? 2 : 1;
  let number = extra === 0 ? first : first & (0xff >> (extra + 2));
  if (p + extra > b.length) return null;
  for (let k = 0; k < extra; k++) {
    const c = b[p++];
    if ((c & 0xc0) !== 0x80) return null;
    number = number * 64 + (c & 0x3f);
  }
  let blockSize = BLOCK_SIZES[bsCode];
  if (blockSize === -8) blockSize = b[p++] + 1;
  else if (blockSize === -16) {
    blockSize = ((b[p] << 8) | b[p + 1]) + 1;
    p += 2;
  }
  if (srCode === 0x0c) p += 1;
  else if (srCode === 0x0d || srCode === 0x0e) p += 2;
  if (p >= b.length) return null;
  if (crc8(b, at, p) !== b[p]) return null;
  return { length: p + 1 - at, variable, number, blockSize };
}

/** Where the frame metadata of a native FLAC stream ends (`fLaC` and its metadata blocks), or null if `b` ends first. */
export function audioStart(b: Uint8Array): number | null {
  if (b.length < 4) return null;
  if (!(b[0] === 0x66 && b[1] === 0x4c && b[2] === 0x61 && b[3] === 0x43)) return 0;
  let p = 4;
  for (;;) {
    if (p + 4 > b.length) return null;
    const last = (b[p] & 0x80) !== 0;
    const len = (b[p + 1] << 16) | (b[p + 2] << 8) | b[p + 3];
    p += 4 + len;
    if (last) return p <= b.length ? p : null;
  }
}

export interface FoundFrame {
  data: Uint8Array;
  header: FlacFrameHeader;
  /** Its CRC-16 did not match: damaged (the decoder is asked anyway, and says so). */
  damaged: boolean;
}

/**
 * Splits the bytes from `start` (a frame header) into frames, as far as the
 * bytes allow: returns the frames and where the unconsumed bytes begin.
 * `reach`: how far past a frame's start to look for the next one (more than
 * the largest frame); `final`: the bytes end the file.
 */
export function splitFrames(b: Uint8Array, start: number, reach: number, final: boolean): { frames: FoundFrame[]; next: number } {
  const frames: FoundFrame[] = [];
  let at = start;
  for (;;) {
    // Find a header to start from.
    let h = frameHeader(b, at);
    while (!h && at < b.length - 1) {
      at++;
      h = frameHeader(b, at);
    }
    if (!h) return { frames, next: final ? b.length : Math.max(start, at) };
    let firstLater = -1;
    let boundary = -1;
    const limit = Math.min(b.length, at + reach);
    for (let c = at + h.length + 2; c < limit - 1; c++) {
      if (b[c] !== 0xff || (b[c + 1] & 0xfe) !== 0xf8) continue;
      const n = frameHeader(b, c);
      if (!n || n.variable !== h.variable || n.number <= h.number) continue;
      if (firstLater < 0) firstLater = c;
      if (crc16(b, at, c - 2) === ((b[c - 2] << 8) | b[c - 1])) {
        boundary = c;
        break;
      }
    }
    if (boundary < 0) {
      if (!final && limit === b.length) return { frames, next: at }; // wait for more bytes
      if (final && firstLater < 0) {
        const tail = b.subarray(at);
        const ok = tail.length >= h.length + 2 && crc16(tail, 0, tail.length - 2) === ((tail[tail.length - 2] << 8) | tail[tail.length - 1]);
        frames.push({ data: tail, header: h, damaged: !ok });
        return { frames, next: b.length };
      }
      if (firstLater < 0) {
        // Nothing later within reach: the rest up to the reach is lost; the next header found says where audio resumes.
        at = limit;
        continue;
      }
      boundary = firstLater;
      frames.push({ data: b.subarray(at, boundary), header: h, damaged: true });
    } else frames.push({ data: b.subarray(at, boundary), header: h, damaged: false });
    at = boundary;
  }
}
