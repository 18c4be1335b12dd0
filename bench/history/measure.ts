// The history figures of issue 13 on a built history, each with its target:
// warm medians of the list, search, getCall, trends and open; each export
// format as `candor history export` in a child process (time and peak RSS); and delete (one call, then
// all) on a copy of the file.
import { closeSync, copyFileSync, existsSync, openSync, readdirSync, readSync, rmSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CallStore } from '../../src-main/engine/store/calls-store';
import { recoverInterruptedCalls } from '../../src-main/engine/store/recovery';
import { weeklyTrends } from '../../src-main/engine/store/trends';
import { openStoreWorker, type StoreClient } from '../../src-main/engine/store/worker/store-client';
import { machineCpuSec, measure } from '../process-stats';
import { BEFORE, BEFORE_CALLS } from './before';
import { RARE_WORD } from './words';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..');

export interface Figure {
  value: number;
  unit: 'ms' | 's' | 'MB';
  target: number;
  ok: boolean;
  /** The same figure before the issue-13 store work (before.ts), at 10,000 calls only. */
  before?: number;
  note?: string;
}

let beforeApplies = false;

function figure(value: number, unit: Figure['unit'], target: number, note?: string, name?: string): Figure {
  const before = beforeApplies && name !== undefined ? BEFORE[name] : undefined;
  return { value: Math.round(value * 10) / 10, unit, target, ok: value <= target, ...(before !== undefined ? { before } : {}), ...(note ? { note } : {}) };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

/** Warm median in ms: one untimed run, then `runs` timed ones. */
function warm(fn: () => unknown, runs = 7): number {
  fn();
  const ts: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    ts.push(performance.now() - t);
  }
  return median(ts);
}

/** `candor history export --all` as a user runs it (the bundled command): process wall time, start-up included, and peak RSS. */
async function exportRun(db: string, format: 'json' | 'csv', threads?: '1'): Promise<{ ok: boolean; sec: number; rss: number; mb: number; error?: string; cpu: Record<string, number>; diskReadMb: number }> {
  const out = `${db}.bench-export.${format}`;
  const env = { ...process.env };
  if (threads) env.CANDOR_EXPORT_THREADS = threads;
  else delete env.CANDOR_EXPORT_THREADS;
  const before = machineCpuSec();
  const stats = await measure(process.execPath, [join(ROOT, 'scripts/candor.mjs'), 'history', 'export', '--all', '--format', format, '--db', db, '--out', out], { cwd: ROOT, env });
  const machine = machineCpuSec().map((v, i) => v - before[i]);
  const mb = existsSync(out) ? statSync(out).size / 1e6 : 0;
  rmSync(out, { force: true });
  const cores = (sec: number): number => Math.round((sec / stats.wallSec) * 100) / 100;
  return {
    ok: stats.code === 0, sec: stats.wallSec, rss: stats.peakRssMb, mb, error: stats.code === 0 ? undefined : stats.stderr.slice(-300),
    // how busy the export kept the cores, against everything that ran meanwhile (other processes, the kernel, and time the VM was not given)
    cpu: { exportCores: cores(stats.cpuSec), exportKernelSec: stats.sysCpuSec, machineBusyCores: cores(machine[0]), stealCores: cores(machine[1]) },
    // what the export had to fetch from the disk: the file was read just before, so anything here is cache the OS dropped meanwhile
    diskReadMb: stats.diskReadMb,
  };
}

/**
 * Reads the file once, untimed, so that the export after it is measured warm
 * like every other figure here: this VM pages out file cache that has not
 * been touched for some seconds (a DAMON "pageout" scheme runs in its
 * kernel), and an export that reads the 1.8 GB history from the virtual
 * disk measures the disk. The read's own time says how cold the file was.
 */
function readWhole(path: string): number {
  const t = performance.now();
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(8 << 20);
    while (readSync(fd, buf, 0, buf.length, null) > 0);
  } finally {
    closeSync(fd);
  }
  return Math.round(performance.now() - t) / 1000;
}

async function exportFigures(db: string, format: 'json' | 'csv'): Promise<Record<string, Figure | string | object>> {
  const name = `export${format === 'json' ? 'Json' : 'Csv'}`;
  const fileReadSec = readWhole(db);
  const r = await exportRun(db, format);
  if (!r.ok) return { error: r.error ?? 'failed', seconds: String(r.sec), peakRssMb: String(Math.round(r.rss)) };
  const figures: Record<string, Figure | string | object> = {
    seconds: figure(r.sec, 's', 10, `\`candor history export --all --format ${format}\`, process wall incl. start-up; ${r.mb.toFixed(0)} MB written`, `${name}.seconds`),
    peakRss: figure(r.rss, 'MB', 200, undefined, `${name}.peakRss`),
    cpu: r.cpu,
    warmUp: { fileReadSec, note: 'the database file read once, untimed, just before: seconds where the OS had paged it out, well under 1 s where it was cached' },
    diskReadMb: { value: r.diskReadMb, note: `MB of the ${(statSync(db).size / 1e6).toFixed(0)} MB file the export read from the disk, not from the OS's file cache (pages it dropped between the warm-up read and the export's)` },
  };
  if (format === 'json') {
    // the same run's baseline: one reading thread (store/export-helper.ts), warm too
    readWhole(db);
    const one = await exportRun(db, format, '1');
    if (one.ok) figures.oneThread = { seconds: Math.round(one.sec * 10) / 10, peakRssMb: Math.round(one.rss), ratio: Math.round((r.sec / one.sec) * 100) / 100, cpu: one.cpu, diskReadMb: one.diskReadMb };
  }
  return figures;
}

export async function measureHistory(db: string, opts: { skipExport?: boolean; skipDelete?: boolean } = {}): Promise<Record<string, unknown>> {
  // Each figure is also printed as soon as it is known, so that a long run that fails late still reports.
  const out = new Proxy<Record<string, unknown>>({}, {
    set(target, key, value) {
      process.stderr.write(`bench:history: ${String(key)} ${JSON.stringify(value)}\n`);
      target[key as string] = value;
      return true;
    },
  });
  const store = new CallStore(db);
  const backlog = (store as { workOffBacklog?: (ms: number) => { calls: number; more: boolean } }).workOffBacklog;
  if (backlog) {
    // A migrated file is brought up to date first (schema 4's index and sparklines, schema 6's seals): once, after an upgrade.
    const t = performance.now();
    let done = 0;
    for (;;) {
      const r = backlog.call(store, 5000);
      done += r.calls;
      if (!r.more) break;
    }
    if (done) out.upgradeBacklog = { calls: done, seconds: Math.round((performance.now() - t) / 100) / 10 };
  }
  const calls = store.db.prepare('SELECT count(*) FROM calls').pluck().get() as number;
  beforeApplies = calls === BEFORE_CALLS;
  const longId = store.db.prepare('SELECT id FROM calls ORDER BY duration_sec DESC LIMIT 1').pluck().get() as number;
  const longMin = (store.db.prepare('SELECT duration_sec FROM calls WHERE id = ?').pluck().get(longId) as number) / 60;
  out.history = {
    calls,
    fileMb: Math.round(statSync(db).size / 1e6),
    segments: store.db.prepare('SELECT count(*) FROM segments').pluck().get(),
    utterances: store.db.prepare('SELECT count(*) FROM utterances').pluck().get(),
    visionSamples: store.db.prepare('SELECT count(*) FROM vision_samples').pluck().get(),
  };
  out.list500 = figure(warm(() => store.list({ limit: 500 })), 'ms', 50, undefined, 'list500');
  out.historyList1000 = figure(warm(() => store.list({ limit: 1000 })), 'ms', 50, '`history list` (1,000 calls)', 'historyList1000');
  const search: Record<string, Figure> = {};
  for (const [name, q, key] of [['common "the"', 'the'], ['common "think"', 'think'], [`rare "${RARE_WORD}"`, RARE_WORD, 'rare'], ['phrase "next week"', '"next week"'], ['prefix "budg*"', 'budg*']]) {
    const hits = store.search(q).length;
    search[name] = figure(warm(() => store.search(q)), 'ms', 50, `${hits} hits with snippet and moment`, `search ${key ?? name}`);
  }
  out.search = search;
  out.getCall2h = figure(warm(() => store.get(longId)), 'ms', 50, `call of ${longMin.toFixed(0)} min`, 'getCall2h');
  out.trends26 = figure(warm(() => weeklyTrends(store.db, { weeks: 26 })), 'ms', 20, undefined, 'trends26');
  out.trends520 = figure(warm(() => weeklyTrends(store.db, { weeks: 520 })), 'ms', 20, undefined, 'trends520');
  store.close();
  out.openWithRecovery = figure(warm(() => {
    const s = new CallStore(db);
    recoverInterruptedCalls(s);
    s.close();
  }), 'ms', 100, undefined, 'openWithRecovery');
  if (!opts.skipExport) {
    out.exportJson = await exportFigures(db, 'json');
    out.exportCsv = await exportFigures(db, 'csv');
  }
  if (!opts.skipDelete) Object.assign(out, await deleteFigures(db, calls));
  return out;
}

async function untilIdle(store: StoreClient): Promise<void> {
  while (!(await store.upkeepState()).idle) await new Promise((r) => setTimeout(r, 20));
}

/**
 * Delete as the app runs it: through the store's thread, on a copy of the
 * file that has its daily backup (which holds the call). deleteOne is the
 * request (rows, search indexes, backups removed, scrub recorded); the scrub
 * and the fresh backup follow on the thread between requests, while a list
 * of 500 and a search are sent one after another until that work is done
 * (the slowest answer is the figure). deleteAll is the request and its scrub.
 */
async function deleteFigures(db: string, calls: number): Promise<Record<string, Figure>> {
  const out: Record<string, Figure> = {};
  const copy = `${db}.bench-delete-copy`;
  copyFileSync(db, copy);
  const store = await openStoreWorker(copy);
  try {
    await untilIdle(store); // the daily backup, written after the open on its own thread
    const backups = readdirSync(`${copy}.backups`).length;
    const [victim] = (await store.list({ limit: 1, offset: Math.floor(calls / 3) })).map((c) => c.id);
    let t = performance.now();
    const machineBefore = machineCpuSec();
    await store.deleteCalls([victim]);
    const requestMs = performance.now() - t;
    const latencies: number[] = [];
    let backupSeen = 0;
    for (let i = 0; ; i++) {
      const q = performance.now();
      if (i % 2) await store.search('think');
      else await store.list({ limit: 500 });
      latencies.push(performance.now() - q);
      const state = await store.upkeepState();
      if (state.backupRunning) backupSeen++;
      if (state.idle) break;
    }
    const followMs = performance.now() - t;
    // What else kept the cores busy meanwhile (the scrub's and the backup's processes, the kernel, time the VM was not given).
    const [busySec, stealSec] = machineCpuSec().map((v, i) => v - machineBefore[i]);
    // Baseline of the same run: as many of the same requests with nothing running after them (the machine's own noise).
    const idle: number[] = [];
    for (let i = 0; i < latencies.length; i++) {
      const q = performance.now();
      if (i % 2) await store.search('think');
      else await store.list({ limit: 500 });
      idle.push(performance.now() - q);
    }
    const p99 = (xs: number[]): number => [...xs].sort((x, y) => x - y)[Math.floor(xs.length * 0.99)];
    out.deleteOne = figure(requestMs, 'ms', 1000,
      `as the app runs it: the request (rows, search indexes, ${backups} backup(s) removed, scrub recorded); the scrub and a fresh backup ` +
      `followed on the store thread, done ${(followMs / 1000).toFixed(1)} s after the request was sent`, 'deleteOne');
    out.historyDuringDelete = figure(Math.max(...latencies), 'ms', 100,
      `slowest of ${latencies.length} lists (500) and searches sent one after another while the scrub and the fresh backup ran ` +
      `(${backupSeen} answered while the backup copy was written; median ${median(latencies).toFixed(1)} ms, 99th percentile ${p99(latencies).toFixed(1)} ms; ` +
      `baseline, the same requests after it: slowest ${Math.max(...idle).toFixed(1)} ms, median ${median(idle).toFixed(1)} ms, 99th percentile ${p99(idle).toFixed(1)} ms; ` +
      `the machine meanwhile: ${(busySec / (followMs / 1000)).toFixed(2)} of ${availableParallelism()} cores busy, ${(stealSec / (followMs / 1000)).toFixed(2)} stolen by the host)`);
    t = performance.now();
    await store.deleteCalls('all');
    const allRowsSec = (performance.now() - t) / 1000;
    while ((await store.upkeepState()).scrubPending) await new Promise((r) => setTimeout(r, 20));
    const allSec = (performance.now() - t) / 1000;
    out.deleteAll = figure(allSec, 's', 10,
      `through the store thread: the request ${allRowsSec.toFixed(1)} s, then its scrub ${(allSec - allRowsSec).toFixed(1)} s`, 'deleteAll');
  } finally {
    await store.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(copy + suffix, { force: true });
    rmSync(`${copy}.backups`, { recursive: true, force: true });
  }
  return out;
}
