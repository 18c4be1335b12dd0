// The history section of `npm run bench`. The targets of issue 13 are for
// 10,000 calls; building that many through the store takes tens of minutes
// on a 2-core machine (see the report), so the bench run defaults to 2,000
// calls (CANDOR_BENCH_HISTORY_CALLS) and reuses a history already built at
// its path. `npm run -s bench:history -- --calls 10000 --db PATH` gives the
// 10,000-call figures.
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildHistory } from './build-db';
import { measureHistory } from './measure';

export async function runHistoryBench(): Promise<Record<string, unknown>> {
  const calls = Number(process.env.CANDOR_BENCH_HISTORY_CALLS ?? 2000);
  const db = process.env.CANDOR_BENCH_HISTORY_DB ?? join(tmpdir(), `candor-bench-history-${calls}.db`);
  const build = existsSync(db) ? { reused: db } : buildHistory({ calls, db });
  return { calls, targetsAt: 10_000, build, ...(await measureHistory(db)) };
}
