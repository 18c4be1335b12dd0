// Writing an export to a file or a descriptor in 1 MB chunks, synchronously
// (the store is synchronous, and in the store's worker nothing else waits).
// A file export is written beside its target and renamed at the end, so a
// half-written export never sits under the chosen name. Every named call is
// checked first: nothing is written for a call that does not exist. Runs in
// the store's worker thread in the engine.
import { closeSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import type { ExportFormat } from '../../contract/calls';
import { CandorError } from '../../contract/errors';
import { errnoCode, fileError } from '../fs-errors';
import type { CallStore } from './calls-store';
import { writeExport, type ExportProgress, type ExportSink, type ExportSkip, type ExportSummary } from './export';

const CHUNK_BYTES = 1 << 20;

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
    if (!this.parts.length) return;
    const buf = this.parts.length === 1 ? this.parts[0] : Buffer.concat(this.parts, this.buffered);
    this.parts = [];
    this.buffered = 0;
    for (let off = 0; off < buf.length;) {
      try {
        off += writeSync(this.fd, buf, off);
      } catch (err) {
        // A non-blocking pipe (stdout) that is full: wait a moment and go on.
        if ((err as NodeJS.ErrnoException).code !== 'EAGAIN') throw err;
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
      }
    }
    this.bytes += buf.length;
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
