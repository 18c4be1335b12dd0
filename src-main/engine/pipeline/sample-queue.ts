// A FIFO of PCM samples fed in chunks of any size and read in fixed frames,
// without copying the whole backlog on every read.
export class SampleQueue {
  private chunks: Float32Array[] = [];
  private offset = 0; // read position inside chunks[0]
  private size = 0;

  get available(): number {
    return this.size;
  }

  push(x: Float32Array): void {
    if (x.length === 0) return;
    this.chunks.push(x);
    this.size += x.length;
  }

  /** Fills `out` with the next out.length samples (zeros past the end). Returns how many were real. */
  take(out: Float32Array): number {
    let n = 0;
    while (n < out.length && this.chunks.length) {
      const head = this.chunks[0];
      const k = Math.min(out.length - n, head.length - this.offset);
      out.set(head.subarray(this.offset, this.offset + k), n);
      n += k;
      this.offset += k;
      if (this.offset === head.length) {
        this.chunks.shift();
        this.offset = 0;
      }
    }
    out.fill(0, n);
    this.size -= n;
    return n;
  }
}
