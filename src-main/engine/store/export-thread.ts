// The second reader of a JSON export (export-helper.ts): a thread with a
// read-only connection of its own that takes the next call nobody has
// taken, has SQLite build its texts (export-sql.ts), checks them against the
// call's seals and hands the call's JSON back. It never runs more than
// `ahead` calls beyond what has been written, so memory stays flat. A call
// it cannot vouch for (no seals by part yet, a changed part, an error) is
// handed back empty: the store's own thread exports it, with the errors
// and skips of a one-thread export.
import Database from 'better-sqlite3';
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { callJson, callPartsSql, type CallJsonRow } from './export-sql';
import { CONTROL, type ExportThreadData, type ExportThreadResult } from './export-protocol';
import { changedPart, sealKind } from './seal';

if (!parentPort) throw new Error('export-thread.ts must run in a worker thread');
const { path, busyTimeoutMs, ids, control, ahead, port } = workerData as ExportThreadData & { port: MessagePort };
const ctl = new Int32Array(control);

/** The text as an ArrayBuffer of its own, so it moves to the other thread without a copy (a small Buffer shares Node's pool). */
function own(text: Buffer): Uint8Array {
  return text.byteOffset === 0 && text.byteLength === text.buffer.byteLength ? text : Uint8Array.from(text);
}

function post(msg: ExportThreadResult): void {
  port.postMessage(msg, msg.text ? [msg.text.buffer as ArrayBuffer] : []);
  Atomics.add(ctl, CONTROL.posted, 1);
  Atomics.notify(ctl, CONTROL.posted);
}

try {
  const db = new Database(path, { readonly: true, timeout: busyTimeoutMs });
  try {
    const st = db.prepare(callPartsSql({ seals: true, exported: true }));
    while (!Atomics.load(ctl, CONTROL.stop)) {
      const i = Atomics.add(ctl, CONTROL.claimed, 1);
      if (i >= ids.length) break;
      for (let w = Atomics.load(ctl, CONTROL.written); i >= w + ahead && !Atomics.load(ctl, CONTROL.stop); w = Atomics.load(ctl, CONTROL.written)) {
        Atomics.wait(ctl, CONTROL.written, w, 1000);
      }
      let text: Uint8Array | null = null;
      try {
        const row = st.get(ids[i]) as CallJsonRow | undefined;
        if (row && sealKind(row) === 'parts' && !changedPart(row)) text = own(callJson(row));
      } catch {
        // the store's thread reads it again and reports the damage as getCall names it
      }
      post({ i, text });
    }
  } finally {
    db.close();
  }
} catch {
  // no connection (the file went away, say): every call is exported by the store's thread
} finally {
  Atomics.store(ctl, CONTROL.done, 1);
  Atomics.notify(ctl, CONTROL.posted);
}
