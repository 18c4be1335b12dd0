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
