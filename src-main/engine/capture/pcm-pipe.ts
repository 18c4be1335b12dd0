// The read end of a recorder's pipe (native/lib/pipe.ts): the 16-bit PCM the
// recorder wrote since the last look, as floats, read when the session asks
// rather than as each write lands.
import { closeSync } from 'node:fs';
import { readPipe } from '../../../native/lib/pipe';
import { int16ToFloat } from './capture-source';

/** Bytes taken per read: 2 s of 16 kHz 16-bit mono. */
const READ_BYTES = 1 << 16;

export class PcmPipe {
  /** One byte more than a read, for a sample split between two writes. */
  private readonly buf = Buffer.allocUnsafe(READ_BYTES + 1);
  private oddByte = -1;
  private closed = false;
  private eof = false;

  constructor(readonly fd: number) {}

  /** True once every writer has closed the pipe and it has been read empty. */
  get ended(): boolean {
    return this.eof;
  }

  /**
   * Passes on what is waiting, in blocks of at most 32,768 samples, and
   * returns how many samples it passed on. A read that ends inside a sample
   * keeps its last byte for the next one.
   */
  drain(deliver: (samples: Float32Array) => void): number {
    let samples = 0;
    while (!this.closed && !this.eof) {
      const at = this.oddByte >= 0 ? 1 : 0;
      if (at) this.buf[0] = this.oddByte;
      const n = readPipe(this.fd, this.buf.subarray(at, at + READ_BYTES));
      if (n < 0) this.eof = true;
      if (n <= 0) break;
      const bytes = at + n;
      const even = bytes & ~1;
      this.oddByte = bytes & 1 ? this.buf[even] : -1;
      if (even) {
        deliver(int16ToFloat(this.buf.subarray(0, even)));
        samples += even >> 1;
      }
      if (n < READ_BYTES) break;
    }
    return samples;
  }

  /** Closes the read end (once). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    closeSync(this.fd);
  }
}
