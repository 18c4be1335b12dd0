// Writes 16-bit PCM WAV files (test fixtures, the shipped sample, and the
// user's own recordings when they opt in to keeping audio).
import { writeFileSync } from 'node:fs';

export const WAV_HEADER_BYTES = 44;
/** The size a streaming writer puts in the header until it knows the real one. */
export const WAV_SIZE_UNKNOWN = 0xffffffff;

/** A 16-bit PCM WAV header for dataBytes of samples (WAV_SIZE_UNKNOWN while still recording). */
export function wavHeader(channels: number, rate: number, dataBytes: number): Buffer {
  const h = Buffer.alloc(WAV_HEADER_BYTES);
  h.write('RIFF', 0, 'ascii');
  h.writeUInt32LE(dataBytes === WAV_SIZE_UNKNOWN ? WAV_SIZE_UNKNOWN : 36 + dataBytes, 4);
  h.write('WAVE', 8, 'ascii');
  h.write('fmt ', 12, 'ascii');
  h.writeUInt32LE(16, 16);
  h.writeUInt16LE(1, 20);
  h.writeUInt16LE(channels, 22);
  h.writeUInt32LE(rate, 24);
  h.writeUInt32LE(rate * channels * 2, 28);
  h.writeUInt16LE(channels * 2, 32);
  h.writeUInt16LE(16, 34);
  h.write('data', 36, 'ascii');
  h.writeUInt32LE(dataBytes, 40);
  return h;
}

/** Interleaved 16-bit PCM of equal-length channels. */
export function pcm16(channels: readonly Float32Array[]): Buffer {
  const n = channels[0]?.length ?? 0;
  const ch = channels.length;
  const data = Buffer.alloc(n * ch * 2);
  for (let i = 0, o = 0; i < n; i++) {
    for (let c = 0; c < ch; c++, o += 2) {
      const v = Math.max(-1, Math.min(1, channels[c][i]));
      data.writeInt16LE(Math.round(v < 0 ? v * 32768 : v * 32767), o);
    }
  }
  return data;
}

export function encodeWav(channels: Float32Array[], sampleRate: number): Buffer {
  const data = pcm16(channels);
  return Buffer.concat([wavHeader(channels.length, sampleRate, data.length), data]);
}

export function writeWav(path: string, channels: Float32Array[], sampleRate: number): void {
  writeFileSync(path, encodeWav(channels, sampleRate));
}
