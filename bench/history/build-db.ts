// Builds a history of `calls` synthetic calls through the product's own
// store, oldest first over the last ten years: live calls the way the
// recorder writes them (begin, checkpoint with face samples, finish, then
// the recognised utterances), file analyses with saveComplete. Calls are
// written in batches, one transaction per batch.
import { existsSync, rmSync } from 'node:fs';
import type { AnalysisReport } from '../../src-main/contract/report';
import { CallStore } from '../../src-main/engine/store/calls-store';
import { rng } from '../../tests/support/rng';
import { syntheticCall } from './synthetic-call';
import { WordSource } from './words';

export interface BuildOptions {
  calls: number;
  db: string;
  seed?: number;
  visionShare?: number;
  batch?: number;
  onProgress?: (done: number, total: number) => void;
}

/** Every this-many-th call gets its own language metrics; the calls after it reuse them (see synthetic-call.ts). */
const LANGUAGE_EVERY = 50;
/** The call in the middle of the history is a 2 h one (the getCall figure). */
export const LONG_CALL_SEC = 7200;
const TEN_YEARS_MS = 520 * 7 * 86_400_000;

export function buildHistory(opts: BuildOptions): { calls: number; seconds: number } {
  for (const suffix of ['', '-wal', '-shm']) if (existsSync(opts.db + suffix)) rmSync(opts.db + suffix);
  const r = rng(opts.seed ?? 1);
  const words = new WordSource();
  const store = new CallStore(opts.db);
  // A bigger page cache for the bulk build only (the writes are the store's own).
  store.db.pragma('cache_size = -262144');
  const t0 = performance.now();
  const now = Date.now();
  const batch = opts.batch ?? 50;
  let full: AnalysisReport | undefined;
  try {
    for (let i = 0; i < opts.calls; i += batch) {
      store.tx(() => {
        for (let j = i; j < Math.min(opts.calls, i + batch); j++) {
          const startedAt = new Date(now - TEN_YEARS_MS + Math.floor(((j + r()) / opts.calls) * TEN_YEARS_MS));
          const c = syntheticCall(r, words, { visionShare: opts.visionShare ?? 0.1, rare: r() < 1 / 2000, durationSec: j === opts.calls >> 1 ? LONG_CALL_SEC : undefined, languageFrom: j % LANGUAGE_EVERY ? full : undefined });
          if (j % LANGUAGE_EVERY === 0) full = c.report;
          const endedAt = new Date(startedAt.getTime() + c.durationSec * 1000);
          if (c.source === 'file') {
            store.saveComplete({ source: 'file', file: `/home/user/calls/${c.title}.wav`, title: c.title, startedAt }, c.report, c.segments, c.utterances);
          } else {
            const id = store.begin({ source: 'live', title: c.title, startedAt });
            store.checkpoint(id, [], [], c.durationSec, c.vision);
            store.finish(id, c.report, c.segments, 'complete', endedAt);
            store.replaceUtterances(id, c.utterances, 'asr');
          }
        }
      });
      opts.onProgress?.(Math.min(opts.calls, i + batch), opts.calls);
    }
  } finally {
    store.close();
  }
  return { calls: opts.calls, seconds: (performance.now() - t0) / 1000 };
}
