// Compares an analysis with the known truth of a synthetic call.
import assert from 'node:assert/strict';
import type { AnalysisReport, Segments, Span } from '../../src-main/contract/report';
import { computeTimingMetrics } from '../../src-main/engine/metrics/timing-metrics';

export function assertSegmentsClose(got: Span[], want: Span[], tol: number, label: string): void {
  assert.equal(got.length, want.length, `${label}: ${JSON.stringify(got)} vs truth ${JSON.stringify(want)}`);
  got.forEach(([s, e], i) => {
    assert.ok(Math.abs(s - want[i][0]) <= tol && Math.abs(e - want[i][1]) <= tol,
      `${label} segment ${i}: [${s}, ${e}] vs truth [${want[i][0].toFixed(2)}, ${want[i][1].toFixed(2)}]`);
  });
}

export function assertMatchesTruth(report: AnalysisReport, truth: Segments, durationSec: number, label = 'call'): void {
  const t = computeTimingMetrics(truth, durationSec);
  const m = report.metrics;
  const close = (a: number, b: number, tol: number, what: string): void =>
    assert.ok(Math.abs(a - b) <= tol, `${label} ${what}: got ${a}, truth ${b}`);
  assertSegmentsClose(report.segments.me, truth.me, 0.25, `${label} me`);
  assertSegmentsClose(report.segments.them, truth.them, 0.25, `${label} them`);
  close(m.talkSec.me, t.talkSec.me, Math.max(0.5, 0.05 * t.talkSec.me), 'talk me');
  close(m.talkSec.them, t.talkSec.them, Math.max(0.5, 0.05 * t.talkSec.them), 'talk them');
  close(m.talkShare ?? -1, t.talkShare ?? -1, 0.03, 'talk share');
  close(m.longestMonologueSec.me, t.longestMonologueSec.me, 0.5, 'monologue me');
  close(m.longestMonologueSec.them, t.longestMonologueSec.them, 0.5, 'monologue them');
  assert.equal(m.patienceSec.count, t.patienceSec.count, `${label} patience count`);
  if (t.patienceSec.mean !== null) close(m.patienceSec.mean!, t.patienceSec.mean, 0.2, 'patience mean');
  assert.deepEqual(m.interruptions, t.interruptions, `${label} interruptions`);
  close(m.silenceShare, t.silenceShare, 0.04, 'silence share');
}
