// The rules that keep a live call safe from everything else that uses the
// database, in this process or another: one recorder per database, and no
// delete ever removes a call that is being recorded.
import { CandorError } from '../../contract/errors';
import type { CallStore, NewCall } from './calls-store';

/** Calls being recorded right now by a recorder that is still alive (this process or another). */
export function liveCallIds(store: CallStore): number[] {
  const recording = store.db.prepare("SELECT id FROM calls WHERE status = 'recording' ORDER BY id").pluck().all() as number[];
  if (!recording.length) return [];
  const gone = new Set(store.interruptedCalls().map((c) => c.id));
  return recording.filter((id) => !gone.has(id));
}

/**
 * Starts a live call, unless another recorder is already recording into
 * this database: the check and the insert are one write transaction, so two
 * recorders starting at once cannot both pass.
 */
export function beginLiveCall(store: CallStore, call: NewCall): number {
  return store.tx(() => {
    const live = liveCallIds(store);
    if (live.length) {
      throw new CandorError('CAPTURE_FAILED', `another Candor is already recording a call (call ${live[0]}) into ${store.path}`,
        'Finish that call first (Ctrl-C where `candor record` runs, or Stop in the app): one recorder per database. --db or CANDOR_DB picks another file.');
    }
    return store.begin(call);
  });
}

export interface DeleteOutcome {
  deleted: number;
  /** Calls left alone because they are being recorded (only with 'all'). */
  kept: number[];
}

/**
 * Deletes calls for good. "All" means every call that is finished: a call
 * being recorded is kept, because deleting its row under the recorder would
 * lose the call (its checkpoints would have nowhere to go). Naming a call
 * that is being recorded is refused.
 */
export function deleteCalls(store: CallStore, ids: number[] | 'all', opts: { compact?: boolean } = {}): DeleteOutcome {
  const live = liveCallIds(store);
  if (ids !== 'all') {
    const busy = ids.find((id) => live.includes(id));
    if (busy !== undefined) throw new CandorError('BAD_ARGUMENT', `call ${busy} is being recorded`, 'Stop the call first, then delete it.');
    return { deleted: store.delete(ids, opts), kept: [] };
  }
  if (!live.length) return { deleted: store.delete('all', opts), kept: [] };
  const finished = (store.db.prepare('SELECT id FROM calls ORDER BY id').pluck().all() as number[]).filter((id) => !live.includes(id));
  return { deleted: finished.length ? store.delete(finished, opts) : 0, kept: live };
}
