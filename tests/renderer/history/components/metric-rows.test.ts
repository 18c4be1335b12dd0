// The call page's figures, built from the real engine output for a Zoom-style
// transcript: every language figure the report has appears, read from the
// contract's fields (engagement is `call`, next steps is `set`).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import test from 'node:test';
import type { CallView } from '../../../../src-main/contract/engine-api';
import { analyzeTranscript } from '../../../../src-main/engine/language/analyze-transcript';
import { loadTranscript } from '../../../../src-main/engine/transcript/import';
import { metricRows } from '../../../../src-renderer/history/components/metric-rows';
import { num } from '../../../../src-renderer/shared/format';
import { ROOT } from '../../../support/cli';

function callOf(file: string, me: string): CallView {
  const { utterances } = loadTranscript(file, { me });
  const report = analyzeTranscript({ file, utterances });
  const m = report.metrics;
  return {
    id: 1, title: 't', startedAt: '2026-01-01T00:00:00.000Z', durationSec: report.durationSec, source: 'file', status: 'complete',
    recovered: false, talkShare: m.talkShare, paceWpm: m.pace.wpm, longestMonologueSec: m.longestMonologueSec.me,
    patienceMeanSec: m.patienceSec.mean, questionsMe: m.questions?.me ?? null, sparkline: [], file, audioFile: null, notes: '',
    endedAt: null, segments: report.segments, report, utterances, vision: [], participants: report.participants ?? [],
    marks: { interruptions: { me: [], them: [] }, monologues: { me: [], them: [] } },
  };
}

test('language rows show the engine figures of a Zoom transcript', () => {
  const call = callOf(join(ROOT, 'tests/engine/transcript/fixtures/zoom.vtt'), 'Ana Lopez');
  const m = call.report!.metrics;
  const byKey = new Map(metricRows(call).map((r) => [r.key, r]));
  assert.ok(m.engagement && m.engagement.call !== null, 'the fixture has an engagement score');
  assert.equal(byKey.get('engagement')?.value, num(m.engagement!.call));
  assert.equal(byKey.get('sentiment')?.value, num(m.sentiment!.call));
  assert.equal(m.nextSteps!.set, true, 'the fixture agrees a call on Tuesday');
  assert.match(byKey.get('nextSteps')!.value, /^Yes \(\d+ items?\)$/);
  assert.equal(byKey.get('questions')?.value, `${m.questions!.me} / ${m.questions!.them}`);
  assert.equal(byKey.get('fillers')?.value, num(m.fillers!.perMinute, 1));
  assert.ok(byKey.has('engaging'));
});

test('a call without a transcript has no language rows', () => {
  const call = callOf(join(ROOT, 'tests/engine/transcript/fixtures/zoom.vtt'), 'Ana Lopez');
  const metrics = { ...call.report!.metrics };
  for (const k of ['questions', 'engagingQuestions', 'fillers', 'sentiment', 'engagement', 'nextSteps'] as const) delete metrics[k];
  const rows = metricRows({ ...call, report: { ...call.report!, metrics } });
  assert.deepEqual(rows.filter((r) => r.group === 'language'), []);
});
