// Seeded PRNG (mulberry32) and byte mutations for the fuzz harness.
import { rng as mulberry32, type Rng } from '../support/rng';

export { mulberry32, type Rng };

const int = (rng: Rng, n: number): number => Math.floor(rng() * n);
const WORDS = [0xffffffff, 0x80000000, 0];

export function mutate(seed: Uint8Array, rng: Rng): Uint8Array {
  const out = Uint8Array.from(seed);
  const kind = int(rng, 5);
  if (kind === 0) {
    for (let i = 0, n = 1 + int(rng, 8); i < n && out.length > 0; i++) out[int(rng, out.length)] ^= 1 << int(rng, 8);
    return out;
  }
  if (kind === 1) return out.subarray(0, int(rng, out.length + 1));
  if (kind === 2) {
    if (out.length < 4) return out;
    const at = int(rng, Math.min(out.length - 3, 64));
    new DataView(out.buffer, out.byteOffset).setUint32(at, WORDS[int(rng, WORDS.length)], rng() < 0.5);
    return out;
  }
  if (kind === 3) {
    for (let i = 12; i < out.length; i++) out[i] = int(rng, 256);
    return out;
  }
  const cut = int(rng, out.length + 1);
  return Uint8Array.from([...out.subarray(0, cut), ...out.subarray(Math.min(out.length, cut + 1 + int(rng, 64)))]);
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
