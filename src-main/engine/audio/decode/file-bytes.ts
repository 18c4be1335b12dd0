// Reads a file as a sequence of byte chunks without loading it whole.
import { open } from 'node:fs/promises';

export async function* readBytes(path: string, start = 0, end = Infinity, readSize = 1 << 16): AsyncGenerator<Uint8Array> {
  const fh = await open(path, 'r');
  try {
    let pos = start;
    while (pos < end) {
      const want = Math.min(readSize, end - pos);
      const buf = Buffer.allocUnsafe(want);
      const { bytesRead } = await fh.read(buf, 0, want, pos);
      if (bytesRead === 0) break;
      pos += bytesRead;
      yield buf.subarray(0, bytesRead);
    }
  } finally {
    await fh.close();
  }
}
