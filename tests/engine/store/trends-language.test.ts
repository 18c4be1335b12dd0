// Trends gain the language figures, averaged over the calls that have a
// transcript only; calls without one are counted but left out of them.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import test from 'node:test';
import { analyzeTranscript } from '../../../src-main/engine/language/analyze-transcript';
import { CallStore, type SegmentRecord } from '../../../src-main/engine/store/calls-store';
import { reportFromSegments } from '../../../src-main/engine/store/recovery';
import { weeklyTrends } from '../../../src-main/engine/store/trends';
import { loadTranscript } from '../../../src-main/engine/transcript/import';
import { ROOT } from '../../support/cli';
import { tempDir } from '../../support/tmp';

test('language trends average the calls with transcripts and count them', () => {
  const store = new CallStore(join(tempDir(), 'trends.db'));
  try {
    const now = new Date(2026, 2, 12, 12); // a Thursday
    const day = (d: number): Date => new Date(2026, 2, d, 10);
    const files = ['tests/renderer/history/fixtures/review-call.vtt', 'tests/engine/transcript/fixtures/zoom.vtt'];
    const reports = files.map((f, i) => {
      const { utterances } = loadTranscript(join(ROOT, f), { me: 'Ana Lopez' });
      const r = analyzeTranscript({ file: f, utterances });
      const segs = (['me', 'them'] as const).flatMap((side) => r.segments[side].map(([start, end]): SegmentRecord => ({ side, start, end, syllables: 0 })));
      store.saveComplete({ source: 'file', title: f, startedAt: day(9 + i) }, r, segs, utterances);
      return r;
    });
    const audioOnly: SegmentRecord[] = [{ side: 'me', start: 0, end: 30, syllables: 90 }, { side: 'them', start: 31, end: 60, syllables: 0 }];
    store.saveComplete({ source: 'live', startedAt: day(11) }, reportFromSegments('live call', audioOnly, 60), audioOnly);

    const [week] = weeklyTrends(store.db, { weeks: 1, now });
    assert.equal(week.week, '2026-03-09');
    assert.equal(week.calls, 3);
    assert.equal(week.languageCalls, 2, 'the audio-only call has no language figures');
    const mean = (f: (r: (typeof reports)[number]) => number): number => Math.round(((f(reports[0]) + f(reports[1])) / 2) * 1000) / 1000;
    const m = (i: number) => reports[i].metrics;
    assert.equal(week.fillersPerMinute, mean((r) => r.metrics.fillers!.perMinute));
    assert.equal(week.sentiment, mean((r) => r.metrics.sentiment!.call!));
    assert.equal(week.engagement, mean((r) => r.metrics.engagement!.call!));
    assert.equal(week.questionsPer10Min, mean((r) => (r.metrics.questions!.me / r.durationSec) * 600));
    assert.equal(week.engagingQuestionsPer10Min, mean((r) => (r.metrics.engagingQuestions! / r.durationSec) * 600));
    assert.ok(m(0).engagingQuestions! > 0 && week.engagingQuestionsPer10Min! > 0);
  } finally {
    store.close();
  }
});

test('a week without transcripts has no language figures', () => {
  const store = new CallStore(join(tempDir(), 'trends-none.db'));
  try {
    const segs: SegmentRecord[] = [{ side: 'me', start: 0, end: 30, syllables: 90 }];
    store.saveComplete({ source: 'live', startedAt: new Date(2026, 2, 10, 10) }, reportFromSegments('live call', segs, 60), segs);
    const [week] = weeklyTrends(store.db, { weeks: 1, now: new Date(2026, 2, 12, 12) });
    assert.equal(week.languageCalls, 0);
    assert.deepEqual([week.fillersPerMinute, week.questionsPer10Min, week.engagingQuestionsPer10Min, week.sentiment, week.engagement], [null, null, null, null, null]);
  } finally {
    store.close();
  }
});
