// Trends grouped by SQLite give what grouping every call in JS by
// isoWeekMonday (local time) gives: same weeks, counts and averages.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import test from 'node:test';
import { CallStore } from '../../../src-main/engine/store/calls-store';
import { reportFromSegments } from '../../../src-main/engine/store/recovery';
import { isoWeekMonday, mean, weeklyTrends } from '../../../src-main/engine/store/trends';
import { rng } from '../../support/rng';
import { tempDir } from '../../support/tmp';
import { segmentsFor } from './support/history';

const dir = tempDir();

test('weekly trends from SQL equal the JS reference over 60 weeks of calls', () => {
  const s = new CallStore(join(dir, 'trends.db'));
  const r = rng(7);
  const now = new Date('2025-07-02T12:00:00Z');
  const byWeek = new Map<string, number[]>();
  for (let i = 0; i < 300; i++) {
    const startedAt = new Date(now.getTime() - Math.floor(r() * 60 * 7 * 86_400_000));
    const segs = segmentsFor(2 + Math.floor(r() * 8));
    const report = reportFromSegments('x.wav', segs, segs.length * 4 + Math.floor(r() * 20));
    s.saveComplete({ source: 'file', startedAt }, report, segs);
    const week = isoWeekMonday(startedAt);
    byWeek.set(week, [...(byWeek.get(week) ?? []), report.metrics.talkShare as number]);
  }
  const trends = weeklyTrends(s.db, { weeks: 70, now });
  assert.deepEqual(trends.map((t) => t.week), [...byWeek.keys()].sort());
  for (const t of trends) {
    const shares = byWeek.get(t.week)!;
    assert.equal(t.calls, shares.length);
    assert.equal(t.talkShare, Math.round((shares.reduce((a, b) => a + b, 0) / shares.length) * 1000) / 1000);
  }
  s.close();
});

test('the mean of a file read the old way is the one SQLite averages with (compensated, not a plain sum)', () => {
  const s = new CallStore(join(dir, 'mean.db'));
  const r = rng(11);
  const avg = s.db.prepare('SELECT avg(value) FROM json_each(?)').pluck();
  let plainDiffers = 0;
  for (let i = 0; i < 2000; i++) {
    const xs = Array.from({ length: 1 + Math.floor(r() * 40) }, () => Math.round(r() * 1e6) / (r() < 0.5 ? 1e3 : 7));
    assert.equal(mean(xs), avg.get(JSON.stringify(xs)), JSON.stringify(xs));
    if (xs.reduce((a, b) => a + b, 0) / xs.length !== mean(xs)) plainDiffers++;
  }
  assert.ok(plainDiffers > 0, 'the data has sums where the plain one differs, so the comparison can fail');
  assert.equal(mean([null, Infinity, 2, 4]), 3);
  assert.equal(mean([null]), null);
  s.close();
});
