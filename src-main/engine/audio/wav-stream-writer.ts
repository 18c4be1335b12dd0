// Writes a call's audio as it is analysed (only when the user opted in to
// keeping audio): 16-bit PCM WAV, one channel per side, appended frame by
// frame. The header's sizes are left "unknown" (0xFFFFFFFF) until the call
// ends, so a crash leaves a file that is still readable; fixWavSizes() puts
// the real sizes in afterwards (on stop, or when the call is recovered).
import { closeSync, fstatSync, openSync, readSync, writeSync } from 'node:fs';
import { pcm16, WAV_HEADER_BYTES as HEADER, WAV_SIZE_UNKNOWN, wavHeader as header } from './wav-writer';

export class WavStreamWriter {
  private readonly fd: number;
  private closed = false;

  constructor(readonly path: string, readonly channels: number, readonly rate = 16000) {
    this.fd = openSync(path, 'w', 0o600);
    writeSync(this.fd, header(channels, rate, WAV_SIZE_UNKNOWN));
  }

  /** One block per channel, all the same length. */
  write(blocks: Float32Array[]): void {
    if (this.closed) return;
    writeSync(this.fd, pcm16(blocks));
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
