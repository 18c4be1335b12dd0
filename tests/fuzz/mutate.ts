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
