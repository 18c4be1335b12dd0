// Seeded byte mutations for the fuzz harness: bit flips, truncation at a
// random offset, huge / negative / zero header fields, zero-length chunks,
// random bytes behind valid magic, deleted ranges and very long lines.
import { rng as mulberry32, type Rng } from '../support/rng';

export { mulberry32, type Rng };

const int = (rng: Rng, n: number): number => Math.floor(rng() * n);
/** Header words that break size arithmetic: huge, negative as int32, zero, one. */
const WORDS = [0xffffffff, 0x80000000, 0x7fffffff, 0xfffffffe, 0, 1];

export const MUTATIONS = ['bitflip', 'truncate', 'header-word', 'random-behind-magic', 'delete-range', 'zero-length-chunk', 'long-line'] as const;
export type Mutation = (typeof MUTATIONS)[number];

function splice(out: Uint8Array, at: number, insert: Uint8Array): Uint8Array {
  const r = new Uint8Array(out.length + insert.length);
  r.set(out.subarray(0, at), 0);
  r.set(insert, at);
  r.set(out.subarray(at), at + insert.length);
  return r;
}

export function mutateAs(kind: Mutation, seed: Uint8Array, rng: Rng): Uint8Array {
  const out = Uint8Array.from(seed);
  switch (kind) {
    case 'bitflip':
      for (let i = 0, n = 1 + int(rng, 8); i < n && out.length > 0; i++) out[int(rng, out.length)] ^= 1 << int(rng, 8);
      return out;
    case 'truncate':
      return out.subarray(0, int(rng, out.length + 1));
    case 'header-word': {
      if (out.length < 4) return out;
      // Header fields sit near the start; sometimes anywhere (a later chunk's or page's header).
      const span = rng() < 0.7 ? Math.min(out.length - 3, 96) : out.length - 3;
      const at = int(rng, span);
      new DataView(out.buffer, out.byteOffset).setUint32(at, WORDS[int(rng, WORDS.length)], rng() < 0.5);
      return out;
    }
    case 'random-behind-magic':
      for (let i = 4 + int(rng, 12); i < out.length; i++) out[i] = int(rng, 256);
      return out;
    case 'delete-range': {
      const cut = int(rng, out.length + 1);
      const r = new Uint8Array(out.length - Math.min(out.length - cut, 1 + int(rng, 64)));
      r.set(out.subarray(0, cut), 0);
      r.set(out.subarray(cut + (out.length - r.length)), cut);
      return r;
    }
    case 'zero-length-chunk':
      // Four zero bytes: a chunk, block or segment whose size field says 0.
      return splice(out, int(rng, out.length + 1), new Uint8Array(4 + 4 * int(rng, 2)));
    case 'long-line': {
      // 64 KB to 1 MB of one byte with no line break.
      const n = (64 << 10) + int(rng, (1 << 20) - (64 << 10));
      return splice(out, int(rng, out.length + 1), new Uint8Array(n).fill(rng() < 0.5 ? 0x61 : int(rng, 256)));
    }
  }
}

export function mutate(seed: Uint8Array, rng: Rng): Uint8Array {
  // Long lines are big: one input in twenty.
  const kind = rng() < 0.05 ? 'long-line' : MUTATIONS[int(rng, MUTATIONS.length - 1)];
  return mutateAs(kind, seed, rng);
}

// Pieces that steer text mutations toward the parsers' edges: arrows,
// timestamps, voice tags, entities, name prefixes, line ends, NULs and
// bytes that are not UTF-8.
const TEXT_PIECES = ['-->', ' --> ', '00:00:01.000', '0:0:1.5', '12.700', '1:03.100', '00:00:01,000', '<v ', '<v.loud ', '</v>', '<', '>',
  '&amp;', '&#', '&#x1F600;', ': ', 'Ana: ', '[Ana] ', 'NOTE', 'STYLE', 'REGION', 'WEBVTT', '{"start":', '"}', '\n', '\r', '\r\n', '\n\n', '\0', '\uFEFF', ' ', '\t'];
const BAD_BYTES = [[0xff], [0xc3], [0xe2, 0x82], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xc0, 0xaf]];

/**
 * A mutation of a text file: line-level (drop, duplicate, swap, insert a
 * piece or a very long line) or byte-level (`mutate`, or bytes that are not
 * UTF-8).
 */
export function mutateText(seed: string, rng: Rng): Uint8Array {
  const kind = int(rng, 6);
  if (kind === 0) return mutate(new TextEncoder().encode(seed), rng);
  const lines = seed.split('\n');
  const at = int(rng, lines.length);
  if (kind === 1) lines.splice(at, 1 + int(rng, 3));
  else if (kind === 2) lines.splice(at, 0, ...lines.slice(at, at + 1 + int(rng, 4)));
  else if (kind === 3) {
    const b = int(rng, lines.length);
    [lines[at], lines[b]] = [lines[b], lines[at]];
  } else if (kind === 4) {
    // A very long line: up to 200k characters of one piece, or of pieces mixed.
    const n = 1 + int(rng, 200_000);
    const piece = TEXT_PIECES[int(rng, TEXT_PIECES.length)];
    let long = '';
    if (rng() < 0.5) long = piece.repeat(Math.ceil(n / piece.length));
    else while (long.length < n) long += TEXT_PIECES[int(rng, TEXT_PIECES.length)];
    const line = lines[at] ?? '';
    const cut = int(rng, line.length + 1);
    lines[at] = line.slice(0, cut) + long + line.slice(cut);
  } else {
    for (let i = 0, n = 1 + int(rng, 4); i < n; i++) {
      const line = lines[at] ?? '';
      const cut = int(rng, line.length + 1);
      lines[at] = line.slice(0, cut) + TEXT_PIECES[int(rng, TEXT_PIECES.length)] + line.slice(cut);
    }
    if (rng() < 0.3) {
      const bytes = new TextEncoder().encode(lines.join('\n'));
      const bad = BAD_BYTES[int(rng, BAD_BYTES.length)];
      const cut = int(rng, bytes.length + 1);
      return Uint8Array.from([...bytes.subarray(0, cut), ...bad, ...bytes.subarray(cut)]);
    }
  }
  return new TextEncoder().encode(lines.join('\n'));
}
