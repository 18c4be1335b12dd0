// Writes a call's audio as it is analysed (only when the user opted in to
// keeping audio): 16-bit PCM WAV, one channel per side, appended frame by
// frame. The header's sizes are left "unknown" (0xFFFFFFFF) until the call
// ends, so a crash leaves a file that is still readable; fixWavSizes() puts
// the real sizes in afterwards (on stop, or when the call is recovered).
import { closeSync, fstatSync, openSync, readSync, writeSync } from 'node:fs';

const HEADER = 44;

function header(channels: number, rate: number, dataBytes: number): Buffer {
  const h = Buffer.alloc(HEADER);
  h.write('RIFF', 0, 'ascii');
  h.writeUInt32LE(dataBytes === 0xffffffff ? 0xffffffff : 36 + dataBytes, 4);
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

export class WavStreamWriter {
  private readonly fd: number;
  private closed = false;

  constructor(readonly path: string, readonly channels: number, readonly rate = 16000) {
    this.fd = openSync(path, 'w', 0o600);
    writeSync(this.fd, header(channels, rate, 0xffffffff));
  }

  /** One block per channel, all the same length. */
  write(blocks: Float32Array[]): void {
    if (this.closed) return;
    const n = blocks[0].length;
    const buf = Buffer.alloc(n * this.channels * 2);
    for (let i = 0, o = 0; i < n; i++) {
      for (let c = 0; c < this.channels; c++, o += 2) {
        const v = Math.max(-1, Math.min(1, blocks[c][i]));
        buf.writeInt16LE(Math.round(v < 0 ? v * 32768 : v * 32767), o);
      }
    }
    writeSync(this.fd, buf);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    fixWavSizesFd(this.fd, this.channels, this.rate);
    closeSync(this.fd);
  }
}

function fixWavSizesFd(fd: number, channels: number, rate: number): void {
  const size = fstatSync(fd).size;
  const block = channels * 2;
  const data = Math.floor(Math.max(0, size - HEADER) / block) * block;
  writeSync(fd, header(channels, rate, data), 0, HEADER, 0);
}

/** Puts the real sizes into the header of a file left open by a crash. */
export function fixWavSizes(path: string): void {
  const fd = openSync(path, 'r+');
  try {
    const h = Buffer.alloc(HEADER);
    readSync(fd, h, 0, HEADER, 0);
    if (h.toString('ascii', 0, 4) !== 'RIFF') return;
    fixWavSizesFd(fd, h.readUInt16LE(22), h.readUInt32LE(24));
  } finally {
    closeSync(fd);
  }
}
