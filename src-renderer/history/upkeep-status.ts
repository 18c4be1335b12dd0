// What the history window says about the work after a delete (the engine's
// onHistoryUpkeep): a calm line while the deleted calls are removed from the
// file and while the fresh backup is written, nothing once it is done, and a
// short warning with what to do when that work failed.
import type { HistoryUpkeep } from '../../src-main/contract/history-upkeep';

export interface UpkeepNote {
  kind: 'working' | 'warning';
  text: string;
}

/** Longest part of the engine's message shown in the warning. */
const DETAIL_LENGTH = 120;

function detail(error: string): string {
  const one = error.replace(/\s+/g, ' ').trim();
  return one.length > DETAIL_LENGTH ? `${one.slice(0, DETAIL_LENGTH - 1)}…` : one;
}

/** The line to show, or null for none. */
export function upkeepNote(state: HistoryUpkeep | null): UpkeepNote | null {
  if (!state) return null;
  if (state.lastError) {
    // The store's thread marks a failed copy "backup: …" (it tries again at the next delete or start); a failed scrub is retried every few seconds.
    const backup = state.lastError.startsWith('backup:');
    const why = detail(backup ? state.lastError.slice('backup:'.length) : state.lastError);
    return backup
      ? { kind: 'warning', text: `The fresh backup could not be written (${why}). Free some disk space; Candor tries again when it next starts.` }
      : { kind: 'warning', text: `Deleted calls are not yet fully removed from the file (${why}). Candor keeps trying; if this stays, free some disk space and restart Candor.` };
  }
  if (state.idle) return null;
  if (state.backupRunning) return { kind: 'working', text: 'Writing a fresh backup…' };
  return { kind: 'working', text: 'Removing deleted calls from the file…' };
}
