// The main side of a JSON export's second reader (export-reader.ts): it gets
// every other call of the export, and the export takes their text from it
// in order, blocking (the export is synchronous: it runs in the store's
// worker thread or a CLI command), while it builds the other calls itself.
// If the helper cannot start or stops, `next` returns null and the export
// builds that call itself: a second reader only ever makes it faster.
import { MessageChannel, receiveMessageOnPort, type MessagePort, type Worker } from 'node:worker_threads';
import { deserializeError } from '../../contract/errors';
import { spawnWorker, workerModuleUrl } from '../runtime/spawn-worker';
import type { ReaderData, ReaderMessage } from './export-reader';

/** Calls a helper may have ready and unread. */
const WINDOW = 8;
/** How long `next` waits for one call before it gives up on the helper (a call of hours takes well under a second). */
const STALL_MS = 10_000;

export class ExportHelper {
  private readonly port: MessagePort;
  private readonly count: Int32Array;
  private readonly worker: Worker;
  private dead = false;
  private taken = 0;

  constructor(path: string, ids: number[]) {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    const counters = new SharedArrayBuffer(8);
    this.count = new Int32Array(counters);
    const data: ReaderData = { path, ids, port: port2, counters, window: WINDOW };
    this.worker = spawnWorker(workerModuleUrl('export-reader', import.meta.url), {
      name: 'candor-export-reader', workerData: data, transferList: [port2],
      // A call's text is at most a few MB (a 2 h call: ~1 MB); a small young generation keeps the thread's footprint small.
      resourceLimits: { maxYoungGenerationSizeMb: 8 },
    });
    this.worker.unref();
    this.worker.on('error', () => { this.dead = true; }); // seen only between calls of `next`; the stall bound covers the rest
  }

  /** The JSON text (UTF-8) of the helper's next call (throws its damage), or null when the helper is gone: build it here. */
  next(): Buffer | null {
    if (this.dead) return null;
    const deadline = Date.now() + STALL_MS;
    let m: { message: ReaderMessage } | undefined;
    while (!(m = receiveMessageOnPort(this.port))) {
      if (Date.now() > deadline) {
        this.close();
        return null;
      }
      Atomics.wait(this.count, 0, this.taken, 50);
    }
    this.taken++;
    Atomics.store(this.count, 1, this.taken);
    Atomics.notify(this.count, 1);
    const msg = m.message;
    if ('fatal' in msg) {
      this.close();
      return null;
    }
    if ('error' in msg) throw deserializeError(msg.error);
    return Buffer.from(msg.text.buffer, msg.text.byteOffset, msg.text.byteLength); // a copy arrives as a plain Uint8Array
  }

  close(): void {
    this.dead = true;
    this.port.close();
    void this.worker.terminate();
  }
}
