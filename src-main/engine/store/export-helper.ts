// A JSON export of many calls is read by two threads: this one (the store's)
// and a second reader (export-thread.ts), each taking the next call nobody
// has taken. SQLite building a call's text costs ~1.5 ms of CPU and is most
// of an export's time (export-sql.ts); with the second core it is halved.
// This thread reads calls too, writes every call in order, and exports
// itself any call the reader hands back, so the output, the skips and the
// errors are those of a one-thread export, byte for byte
// (tests/engine/store/export-helper.test.ts).
//
// Everything here is synchronous, as the store is: the reader's messages are
// pulled with receiveMessageOnPort, and the two threads wait on counters in
// shared memory (export-protocol.ts).
//
// The reader is not started when a call is being recorded into this
// database (in this process or another): the second core is the live call's.
// Nor for a few calls, a database in memory, or one core.
import { availableParallelism } from 'node:os';
import { MessageChannel, receiveMessageOnPort, type MessagePort, type Worker } from 'node:worker_threads';
import { spawnWorker, workerModuleUrl } from '../runtime/spawn-worker';
import type { CallStore } from './calls-store';
import { CONTROL, CONTROL_SLOTS, type ExportThreadData, type ExportThreadResult } from './export-protocol';
import { liveCallIds } from './live-calls';
import { hasSeals } from './seal';

/** Fewer calls than this are exported by one thread: starting the reader costs ~30 ms. */
export const HELPER_MIN_CALLS = 32;
/** Calls the reader may run ahead of the writing (a few MB at most). */
const AHEAD = 8;
/** A call the reader took but has not answered for this long is read here too (its answer is then ignored). */
const STALL_MS = 10_000;
const BUSY_TIMEOUT_MS = 5_000;

/** Whether a second reader may help: CANDOR_EXPORT_THREADS=1 turns it off (the bench compares both). */
export function helperAllowed(store: CallStore, calls: number): boolean {
  if (calls < HELPER_MIN_CALLS || availableParallelism() < 2 || process.env.CANDOR_EXPORT_THREADS === '1') return false;
  if (!store.path || store.path === ':memory:' || !hasSeals(store.db)) return false;
  return liveCallIds(store).length === 0;
}

export class ExportHelper {
  private readonly ctl: Int32Array;
  /** Calls read ahead, by index: the reader's JSON, null (the reader handed it back) or the error this thread met reading it. */
  private readonly results = new Map<number, Uint8Array | Error | null>();
  /** The call this thread asks for now: answers for earlier ones (read here after a stall) are dropped. */
  private next = 0;

  private constructor(private readonly worker: Worker, private readonly port: MessagePort, control: SharedArrayBuffer, private readonly total: number) {
    this.ctl = new Int32Array(control);
  }

  /** A second reader over these calls, or null where one would not help. */
  static start(store: CallStore, ids: number[]): ExportHelper | null {
    if (!helperAllowed(store, ids.length)) return null;
    const control = new SharedArrayBuffer(CONTROL_SLOTS * Int32Array.BYTES_PER_ELEMENT);
    const { port1, port2 } = new MessageChannel();
    const data: ExportThreadData & { port: MessagePort } = { path: store.path, busyTimeoutMs: BUSY_TIMEOUT_MS, ids, control, ahead: AHEAD, port: port2 };
    try {
      const worker = spawnWorker(workerModuleUrl('export-thread', import.meta.url), { name: 'candor-export', workerData: data, transferList: [port2] });
      // its end is seen through the shared counters; an error event must not go unhandled
      worker.on('error', () => undefined);
      return new ExportHelper(worker, port1, control, ids.length);
    } catch {
      port1.close();
      return null;
    }
  }

  private drain(): void {
    for (let m = receiveMessageOnPort(this.port); m; m = receiveMessageOnPort(this.port)) {
      const r = m.message as ExportThreadResult;
      // an answer for a call already read here (after a stall) is dropped
      if (r.i >= this.next && !this.results.has(r.i)) this.results.set(r.i, r.text);
    }
  }

  /**
   * Call `i`'s JSON, checked against its seals: from the reader, or read here
   * with `readHere` (which throws the call's damage). While call `i` is not
   * ready this thread reads the next call nobody has taken (within AHEAD of
   * `i`), so both threads work all the time; a call's error is thrown when
   * its turn comes, as a one-thread export would. Calls are asked for in
   * order, each once.
   */
  take(i: number, readHere: (i: number) => Uint8Array): Uint8Array {
    this.next = i;
    const started = performance.now();
    for (;;) {
      this.drain();
      if (this.results.has(i)) {
        const r = this.results.get(i)!;
        this.results.delete(i);
        if (r instanceof Error) throw r;
        return r ?? readHere(i); // null: handed back by the reader
      }
      const k = Atomics.load(this.ctl, CONTROL.claimed);
      if (k < this.total && k < i + AHEAD && Atomics.compareExchange(this.ctl, CONTROL.claimed, k, k + 1) === k) {
        if (k === i) return readHere(i);
        try {
          this.results.set(k, readHere(k));
        } catch (err) {
          this.results.set(k, err as Error);
        }
        continue;
      }
      // call i is the reader's, and nothing else may be read ahead: wait for its answer
      const seen = Atomics.load(this.ctl, CONTROL.posted);
      const ended = Atomics.load(this.ctl, CONTROL.done) === 1;
      this.drain();
      if (this.results.has(i)) continue;
      if (ended || performance.now() - started > STALL_MS) return readHere(i);
      Atomics.wait(this.ctl, CONTROL.posted, seen, 50);
    }
  }

  /** Blocks until the reader has taken a call (or ended), before this thread takes any: for tests that need both threads at work. */
  waitForReader(timeoutMs: number): boolean {
    const until = performance.now() + timeoutMs;
    while (Atomics.load(this.ctl, CONTROL.claimed) === 0 && !Atomics.load(this.ctl, CONTROL.done) && performance.now() < until) {
      Atomics.wait(this.ctl, CONTROL.posted, 0, 20);
    }
    return Atomics.load(this.ctl, CONTROL.claimed) > 0;
  }

  /** Call `i` is written (or left out): the reader may go on. */
  written(i: number): void {
    Atomics.store(this.ctl, CONTROL.written, i + 1);
    Atomics.notify(this.ctl, CONTROL.written);
  }

  /** The export is over (or failed): the reader takes no more calls and ends. */
  stop(): void {
    Atomics.store(this.ctl, CONTROL.stop, 1);
    Atomics.notify(this.ctl, CONTROL.written);
    this.results.clear();
    this.port.close();
    void this.worker.terminate();
  }
}
