// The history figures before the issue-13 store work on branch h/history
// (main at e3eaad9), measured with this bench on this 2-core machine on
// 2026-12-02: 10,000 calls, seed 1, built with --build-only, measured with
// --reuse. The machine is shared with other jobs, so figures move with its
// load: the ones below come from a run at load average ~4 (main's code
// checked out beside this branch's, run just before this branch's own
// figures), except the deletes (and their note), which that run skipped and
// which come from the first run, at load average 8-10. The bench prints
// each as `before` next to the figure of its own run, at 10,000 calls only.
export const BEFORE_CALLS = 10_000;

export const BEFORE: Record<string, number> = {
  list500: 24.8,
  historyList1000: 16.6,
  'search common "the"': 10.5,
  'search common "think"': 6.4,
  'search rare': 0.5,
  'search phrase "next week"': 13,
  'search prefix "budg*"': 8.4,
  getCall2h: 10.4,
  trends26: 10.6,
  trends520: 341.6,
  openWithRecovery: 1.3,
  // The exports' peak RSS was not measured right before (the bench read 0: a reading after exit); the export was
  // already streamed.
  'exportJson.seconds': 73.8,
  'exportCsv.seconds': 57.5,
  /** As the app runs it: rows, search indexes, compaction and the fresh backup (load 8-10). */
  deleteOne: 26065.4,
  /** Load 8-10. */
  deleteAll: 214.1,
};
