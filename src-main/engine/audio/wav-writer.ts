// Writes 16-bit PCM WAV files (test fixtures, the shipped sample, and the
// user's own recordings when they opt in to keeping audio).
import { writeFileSync } from 'node:fs';

export function encodeWav(channels: Float32Array[], sampleRate: number): Buffer {
  const n = channels[0]?.length ?? 0;
  const ch = channels.length;
  const data = Buffer.alloc(n * ch * 2);
  for (let i = 0, o = 0; i < n; i++) {
    for (let c = 0; c < ch; c++, o += 2) {
      const v = Math.max(-1, Math.min(1, channels[c][i]));
      data.writeInt16LE(Math.round(v < 0 ? v * 32768 : v * 32767), o);
    }
  }
  const h = Buffer.alloc(44);
  h.write('RIFF', 0, 'ascii');
  h.writeUInt32LE(36 + data.length, 4);
  h.write('WAVE', 8, 'ascii');
  h.write('fmt ', 12, 'ascii');
  h.writeUInt32LE(16, 16);
  h.writeUInt16LE(1, 20);
  h.writeUInt16LE(ch, 22);
  h.writeUInt32LE(sampleRate, 24);
  h.writeUInt32LE(sampleRate * ch * 2, 28);
  h.writeUInt16LE(ch * 2, 32);
  h.writeUInt16LE(16, 34);
  h.write('data', 36, 'ascii');
  h.writeUInt32LE(data.length, 40);
  return Buffer.concat([h, data]);
}

export function writeWav(path: string, channels: Float32Array[], sampleRate: number): void {
  writeFileSync(path, encodeWav(channels, sampleRate));
}
