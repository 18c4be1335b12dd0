// The fuzz harness: runs a target's inputs in a worker thread with a
// per-input time limit and a memory bound. A hang is ended by terminating
// the worker; a crash or memory blow-up ends only its own input; the run
// goes on with the next input in a fresh worker. Every failing input is
// written under tests/fuzz/regressions/<target>/, where the replay test
// runs it on every CI run from then on.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { inputRng, type FromFuzzWorker, type FuzzJob } from './protocol';
import { TARGETS } from './targets';

/** Longest a worker may take to load before its first input. */
const STARTUP_MS = 120_000;

export const REGRESSIONS_DIR = fileURLToPath(new URL('./regressions', import.meta.url));

export interface FuzzFailure {
  i: number;
  kind: 'exception' | 'hang' | 'memory' | 'crash';
  message: string;
  /** Where the input was kept. */
  file?: string;
}

export interface FuzzSummary {
  target: string;
  seed: number;
  inputs: number;
  results: number;
  candorErrors: number;
  failures: FuzzFailure[];
  seconds: number;
}

export interface FuzzOptions {
  target: string;
  count: number;
  seed: number;
  /** Longest one input may take (default 10 s). */
  timeoutMs?: number;
  /** Most the process's memory may grow over one worker's life (default 1024 MB). */
  memoryMb?: number;
  /** Keep failing inputs under tests/fuzz/regressions (default true). */
  keep?: boolean;
  /** Replay these files (a regression run) instead of generating inputs. */
  replay?: string[];
}

function spawnWorker(job: FuzzJob, memoryMb: number): Worker {
  const url = new URL('./fuzz-worker.ts', import.meta.url);
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(url.href)}); })`;
  return new Worker(boot, { eval: true, workerData: job, resourceLimits: { maxOldGenerationSizeMb: memoryMb } });
}

export async function runFuzz(opts: FuzzOptions): Promise<FuzzSummary> {
  const target = TARGETS[opts.target];
  if (!target) throw new Error(`unknown fuzz target ${opts.target}; known: ${Object.keys(TARGETS).join(', ')}`);
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const memoryMb = opts.memoryMb ?? 1024;
  const count = opts.replay ? opts.replay.length : opts.count;
  const workDir = mkdtempSync(join(tmpdir(), `candor-fuzz-${opts.target}-`));
  const started = performance.now();
  const seedBytes = target.seed(workDir);
  const summary: FuzzSummary = { target: opts.target, seed: opts.seed, inputs: count, results: 0, candorErrors: 0, failures: [], seconds: 0 };

  const keep = (f: FuzzFailure): FuzzFailure => {
    if (opts.replay) return { ...f, file: opts.replay[f.i] };
    if (opts.keep === false) return f;
    const dir = join(REGRESSIONS_DIR, opts.target);
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `seed${opts.seed}-input${f.i}.${target.ext}`);
    writeFileSync(file, target.generate(seedBytes, inputRng(opts.seed, f.i)));
    writeFileSync(`${file}.txt`, `${f.kind}: ${f.message}\n`);
    return { ...f, file };
  };

  try {
    let from = 0;
    while (from < count) {
      from = await new Promise<number>((resolve) => {
        const job: FuzzJob = { target: opts.target, seed: opts.seed, seedBytes, from, to: count, workDir, memoryMb, replay: opts.replay };
        // Measured per worker: a terminated worker's memory may not be handed back at once.
        const baselineRss = process.memoryUsage.rss();
        const w = spawnWorker(job, memoryMb);
        let current = from;
        // The worker's start-up (loading the product code) is not an input's time; it gets its own, longer limit.
        let since = performance.now();
        let limit = STARTUP_MS;
        let settled = false;
        const settle = (next: number): void => {
          if (settled) return;
          settled = true;
          clearInterval(watch);
          void w.terminate();
          resolve(next);
        };
        const watch = setInterval(() => {
          // Worker and harness share the process: its memory is the worker's, watched even while an input runs.
          const grown = (process.memoryUsage.rss() - baselineRss) / 2 ** 20;
          if (grown > memoryMb) {
            summary.failures.push(keep({ i: current, kind: 'memory', message: `memory grew by ${grown.toFixed(0)} MB (bound ${memoryMb} MB)` }));
            settle(current + 1);
          } else if (performance.now() - since > limit) {
            summary.failures.push(keep({ i: current, kind: 'hang', message: limit === STARTUP_MS ? `the worker did not start within ${STARTUP_MS} ms` : `no outcome after ${timeoutMs} ms` }));
            settle(current + 1);
          }
        }, 50);
        w.on('message', (m: FromFuzzWorker) => {
          if (m.t === 'start') {
            current = m.i;
            since = performance.now();
            limit = timeoutMs;
          } else if (m.t === 'ok') {
            if (m.candorError) summary.candorErrors++;
            else summary.results++;
          } else if (m.t === 'fail') {
            summary.failures.push(keep({ i: m.i, kind: m.kind, message: m.message }));
            if (m.kind === 'memory') settle(m.i + 1);
          } else if (m.t === 'done') settle(count);
        });
        w.on('error', (err) => {
          summary.failures.push(keep({ i: current, kind: 'crash', message: `the worker died: ${String(err?.message ?? err).slice(0, 300)}` }));
          settle(current + 1);
        });
        w.on('exit', (code) => {
          if (!settled) {
            summary.failures.push(keep({ i: current, kind: 'crash', message: `the worker exited with code ${code}` }));
            settle(current + 1);
          }
        });
      });
    }
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
  summary.seconds = Math.round((performance.now() - started) / 100) / 10;
  return summary;
}
