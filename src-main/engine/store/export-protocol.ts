// What the store's thread and the export's second reader (export-thread.ts)
// share: the list of calls, a few counters in shared memory, and a message
// per call with its JSON (or nothing, to be read by the store's thread).

/** Slots of the shared Int32Array. */
export const CONTROL = {
  /** The next call index nobody has taken (both threads take by adding one). */
  claimed: 0,
  /** Calls written so far, in order; the reader stays within `ahead` of it. */
  written: 1,
  /** Messages the reader has posted (a counter to wait on). */
  posted: 2,
  /** Set by the store's thread: take no more calls. */
  stop: 3,
  /** Set by the reader when it has ended, for whatever reason. */
  done: 4,
} as const;
export const CONTROL_SLOTS = 5;

export interface ExportThreadData {
  path: string;
  busyTimeoutMs: number;
  /** The calls of the export, in the order they are written. */
  ids: number[];
  control: SharedArrayBuffer;
  /** How many calls the reader may run ahead of what is written. */
  ahead: number;
}

export interface ExportThreadResult {
  /** Index into `ids`. */
  i: number;
  /** The call's JSON (UTF-8), checked against its seals; null: the store's thread reads this one itself. */
  text: Uint8Array | null;
}
