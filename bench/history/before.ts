// The history figures before the issue-13 store work on branch h/history
// (main at e3eaad9), measured with this bench on this 2-core machine on
// 2026-12-02: 10,000 calls, seed 1, built with --build-only, measured with
// --reuse. The machine is shared with other jobs and its figures move with
// the load (2-3x between load averages 2 and 9), so these come from main's
// code run right before this branch's own figures, at load average ~1.5-2
// (exports: each old export just before the new one, same data); the
// deletes come from the first run, at load average 8-10, and are marked so.
// The bench prints each as `before` beside the figure of its own run, at
// 10,000 calls only.
export const BEFORE_CALLS = 10_000;

export const BEFORE: Record<string, number> = {
  list500: 11.2,
  historyList1000: 9.1,
  'search common "the"': 11.9,
  'search common "think"': 10.8,
  'search rare': 0.9,
  'search phrase "next week"': 8.7,
  'search prefix "budg*"': 7.3,
  getCall2h: 10.4,
  trends26: 9.1,
  trends520: 205.9,
  openWithRecovery: 1,
  // Peak RSS of main's exports at that time: JSON 168 MB, CSV 141 MB (the bench itself read 0 then: a reading after exit).
  'exportJson.seconds': 50.3,
  'exportCsv.seconds': 31.9,
  'exportJson.peakRss': 168,
  'exportCsv.peakRss': 141,
  /** As the app runs it: rows, search indexes, compaction and the fresh backup (load average 8-10). */
  deleteOne: 26065.4,
  /** Load average 8-10. */
  deleteAll: 214.1,
};
