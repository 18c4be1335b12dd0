// Writing an export to a file or a descriptor about 1 MB at a time,
// synchronously (the store is synchronous, and in the store's worker nothing
// else waits). The chunks a call is written in go out as they are, gathered
// by one writev: joining them first copied the whole export once more.
// A file export is written beside its target and renamed at the end, so a
// half-written export never sits under the chosen name. Every named call is
// checked first: nothing is written for a call that does not exist. Runs in
// the store's worker thread in the engine.
import { closeSync, openSync, renameSync, rmSync, statSync, writevSync } from 'node:fs';
import type { ExportFormat } from '../../contract/calls';
import { CandorError } from '../../contract/errors';
import { errnoCode, fileError } from '../fs-errors';
import type { CallStore } from './calls-store';
import { writeExport, type ExportProgress, type ExportSink, type ExportSkip, type ExportSummary } from './export';

const CHUNK_BYTES = 1 << 20;
/** The buffers one writev may take (Linux's IOV_MAX). */
const IOV_MAX = 1024;

/** A sink over an open descriptor; `flush()` writes what is buffered. */
export class FdSink implements ExportSink {
  bytes = 0;
  private parts: Buffer[] = [];
  private buffered = 0;

  constructor(private readonly fd: number) {}

  write(chunk: string | Uint8Array): void {
    const b = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    this.parts.push(b);
    this.buffered += b.length;
    if (this.buffered >= CHUNK_BYTES) this.flush();
  }

  flush(): void {
    let parts = this.parts;
    const bytes = this.buffered;
    this.parts = [];
    this.buffered = 0;
    while (parts.length) {
      let n: number;
      try {
        n = writevSync(this.fd, parts.length > IOV_MAX ? parts.slice(0, IOV_MAX) : parts);
      } catch (err) {
        // A non-blocking pipe (stdout) that is full: wait a moment and go on.
        if ((err as NodeJS.ErrnoException).code !== 'EAGAIN') throw err;
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
        continue;
      }
      // a short write (a pipe, a full disk's last bytes): go on from the first byte not written
      let k = 0;
      while (k < parts.length && n >= parts[k].length) n -= parts[k++].length;
      parts = parts.slice(k);
      if (n) parts[0] = parts[0].subarray(n);
    }
    this.bytes += bytes;
  }
}

export interface FileExportResult extends ExportSummary {
  path: string;
  bytes: number;
}

function isSpecialFile(path: string): boolean {
  try {
    const st = statSync(path);
    return !st.isFile() && !st.isDirectory();
  } catch {
    return false;
  }
}

export function exportToFile(store: CallStore, ids: number[] | 'all', format: ExportFormat, path: string,
  onProgress?: ExportProgress, onSkip?: ExportSkip): FileExportResult {
  if (ids !== 'all') {
    const exists = store.db.prepare('SELECT 1 FROM calls WHERE id = ?').pluck();
    for (const id of ids) if (exists.get(id) === undefined) store.get(id); // CALL_NOT_FOUND, before a file is written
  }
  // A device, FIFO or other non-regular file is written in place: renaming a
  // temporary file over it would replace the device node itself (/dev/full).
  const inPlace = isSpecialFile(path);
  const tmp = inPlace ? path : `${path}.part-${process.pid}`;
  let fd: number | undefined;
  try {
    fd = openSync(tmp, 'w', 0o600);
    const sink = new FdSink(fd);
    const summary = writeExport(store, ids, format, sink, onProgress, onSkip);
    sink.flush();
    closeSync(fd);
    fd = undefined;
    if (!inPlace) renameSync(tmp, path);
    return { ...summary, path, bytes: sink.bytes };
  } catch (err) {
    if (fd !== undefined) closeSync(fd);
    if (!inPlace) rmSync(tmp, { force: true });
    if (err instanceof CandorError || !errnoCode(err)) throw err;
    // The temporary file beside the target names the user's path in the message, not the .part file.
    throw fileError(err, path, 'write');
  }
}
