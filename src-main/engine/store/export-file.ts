// An export written to the file the user chose: every named call checked
// first (nothing is written for a call that does not exist), then written
// beside the target and renamed, so a half-written export never sits under
// the chosen name. Runs in the store's worker thread in the engine.
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import type { ExportFormat } from '../../contract/calls';
import { CandorError } from '../../contract/errors';
import type { CallStore } from './calls-store';
import { exportCalls } from './export';

export interface ExportFileResult {
  path: string;
  calls: number;
  bytes: number;
}

export function exportToFile(store: CallStore, ids: number[] | 'all', format: ExportFormat, path: string): ExportFileResult {
  if (ids !== 'all') for (const id of ids) store.get(id); // CALL_NOT_FOUND before a file is written
  const calls = ids === 'all' ? (store.db.prepare('SELECT count(*) FROM calls').pluck().get() as number) : ids.length;
  let skipped = 0; // damaged calls are left out (and listed in a JSON export's `skipped`)
  const text = exportCalls(store, ids, format, () => skipped++);
  const tmp = `${path}.part-${process.pid}`;
  try {
    writeFileSync(tmp, text, { mode: 0o600 });
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    const code = (err as NodeJS.ErrnoException).code;
    throw new CandorError(code === 'ENOSPC' ? 'DISK_FULL' : code === 'EACCES' || code === 'EPERM' ? 'PERMISSION_DENIED' : 'INTERNAL',
      `cannot write the export to ${path}: ${(err as Error).message}`, 'Choose another folder and try again.', { cause: err });
  }
  return { path, calls: calls - skipped, bytes: Buffer.byteLength(text) };
}
