// What the store's worker thread does beyond CallStore's own methods: each
// operation takes the worker's store first, then plain (cloneable)
// arguments, and returns a plain result. The client offers them by name,
// typed from this table, next to CallStore's methods. A long operation
// reports how far it is through `this.progress` (the worker sends it to the
// client, which hands it to the caller of requestWithProgress).
import type { ExportFormat } from '../../../contract/calls';
import type { ExportResult } from '../../../contract/engine-api';
import { IDLE_UPKEEP } from '../../../contract/history-upkeep';
import type { Settings, SettingsPatch } from '../../../contract/settings';
import { applyRetention } from '../../service/retention';
import { SettingsStore } from '../../service/settings-store';
import type { CallStore, NewCall } from '../calls-store';
import { fullVacuum } from '../compaction';
import { exportToFile } from '../export-file';
import { beginLiveCall, deleteCalls, liveCallIds } from '../live-calls';
import { recoverInterruptedCalls } from '../recovery';
import { weeklyTrends } from '../trends';
import { upkeepOf, type UpkeepState } from './upkeep';

/** What the worker gives an operation as `this`. */
export interface OpContext {
  progress(done: number, total: number): void;
}

export const STORE_OPS = {
  countCalls: (s: CallStore): number => s.db.prepare('SELECT count(*) FROM calls').pluck().get() as number,
  trends: (s: CallStore, opts: { weeks?: number; now?: Date }) => weeklyTrends(s.db, opts),
  getSettings: (s: CallStore): Settings => new SettingsStore(s).get(),
  updateSettings: (s: CallStore, patch: SettingsPatch, now: Date): Settings => new SettingsStore(s).update(patch, now),
  recoverInterrupted: (s: CallStore): number[] => recoverInterruptedCalls(s),
  applyRetention: (s: CallStore, days: number, now: Date): number[] => applyRetention(s, days, now, { compact: false }),
  exportToFile(this: OpContext, s: CallStore, ids: number[] | 'all', format: ExportFormat, path: string): ExportResult {
    // Streamed, flat memory (store/export.ts); damaged calls left out.
    const done = exportToFile(s, ids, format, path, (d, total) => this.progress(d, total));
    return { path: done.path, calls: done.calls, bytes: done.bytes };
  },
  beginLiveCall: (s: CallStore, call: NewCall): number => beginLiveCall(s, call),
  /** Answers once the rows are gone and the scrub is recorded; the thread scrubs and backs up after (upkeep.ts). */
  deleteCalls: (s: CallStore, ids: number[] | 'all') => deleteCalls(s, ids, { compact: false }),
  /** How far the work after answering is (scrub of deleted calls, backup copy). */
  upkeepState: (s: CallStore): UpkeepState => upkeepOf(s)?.state() ?? { ...IDLE_UPKEEP },
  liveCallIds: (s: CallStore): number[] => liveCallIds(s),
  /** Reclaims the free pages of the file now (a full VACUUM: it can take seconds on a big history). */
  vacuum: (s: CallStore): void => fullVacuum(s.db),
} satisfies Record<string, (s: CallStore, ...args: never[]) => unknown>;

export type StoreOps = typeof STORE_OPS;
