// A long live call (issue 14): the turn-taking call replayed back to back,
// faster than real time, through the real pipeline and the store's worker
// on a SQLite file. RSS after the whole call is within 10% of what it was a
// minute in, and checkpoint commits take no longer at the end of the call
// than at its start. 30 minutes of call by default (about half a minute at
// 60x); CANDOR_LONG_CALL_MIN=240 runs the full 4 hours (the bench reports
// them too: npm run bench:long-call).
import assert from 'node:assert/strict';
import test from 'node:test';
import { latencyByQuarter, rssSummary, runLongCall } from '../../support/long-call';
import { SHARED_MODELS, tempDir } from '../../support/tmp';

process.env.CANDOR_MODELS_DIR ??= SHARED_MODELS;
const MINUTES = Number(process.env.CANDOR_LONG_CALL_MIN ?? 30);
const SPEED = Number(process.env.CANDOR_LONG_CALL_SPEED ?? 200);
const MAX_RSS_GROWTH_PCT = 10;

test(`a ${MINUTES}-minute live call replayed as fast as the analysis goes (up to ${SPEED}x): RSS flat (growth < ${MAX_RSS_GROWTH_PCT}%), checkpoint latency flat`, { timeout: (MINUTES * 60_000) / 10 + 120_000 /* at least 10x on a busy machine */ }, async (t) => {
  const r = await runLongCall({ dir: tempDir(), callSec: MINUTES * 60, speed: SPEED });
  assert.deepEqual(r.errors, []);
  assert.ok(Math.abs(r.durationSec - r.callSec) < 1, `the whole call was analysed: ${r.durationSec} s of ${r.callSec.toFixed(1)} s`);
  const rss = rssSummary(r);
  const lat = latencyByQuarter(r);
  const line = `${(r.callSec / 60).toFixed(1)} min of call in ${r.wallSec.toFixed(1)} s, ${r.segments} segments; RSS ${rss.startMb} -> ${rss.endMb} MB ` +
    `(max ${rss.maxMb}, ${rss.growthPct >= 0 ? '+' : ''}${rss.growthPct}%); checkpoints ${lat.all.count}: p50 ${lat.first.p50} -> ${lat.last.p50} ms, ` +
    `p95 ${lat.first.p95} -> ${lat.last.p95} ms (first -> last quarter)`;
  t.diagnostic(line);
  console.log(`# long call: ${line}`);
  assert.ok(rss.growthPct < MAX_RSS_GROWTH_PCT, `RSS grew ${rss.growthPct}% over the call`);
  assert.ok(lat.first.count >= 20 && lat.last.count >= 20, `enough checkpoints in each quarter (${lat.first.count}, ${lat.last.count})`);
  // Flat: the typical commit at the end costs no more than at the start (with 2 ms for a busy machine's noise).
  assert.ok(lat.last.p50 <= lat.first.p50 * 1.5 + 2, `checkpoint p50 went from ${lat.first.p50} to ${lat.last.p50} ms`);
});
