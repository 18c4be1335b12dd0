// The call page's figures, built from the real engine output for a Zoom-style
// transcript: every language figure the report has appears, read from the
// contract's fields (engagement is `call`, next steps is `set`).
import assert from 'node:assert/strict';
import test from 'node:test';
import { metricRows } from '../../../../src-renderer/history/components/metric-rows';
import { num } from '../../../../src-renderer/shared/format';
import { callViewOf, REVIEW_CALL, REVIEW_ME, ZOOM_CALL } from '../support/call-view';

const callOf = callViewOf;

test('language rows show the engine figures of a Zoom transcript', () => {
  const call = callOf(ZOOM_CALL, 'Ana Lopez');
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
  const call = callOf(ZOOM_CALL, 'Ana Lopez');
  const metrics = { ...call.report!.metrics };
  for (const k of ['questions', 'engagingQuestions', 'fillers', 'sentiment', 'engagement', 'nextSteps', 'moments'] as const) delete metrics[k];
  const rows = metricRows({ ...call, report: { ...call.report!, metrics } });
  assert.deepEqual(rows.filter((r) => r.group === 'language'), []);
});

test('every language figure of a three-speaker call, per 10 min over the call and on its scale', () => {
  const call = callOf(REVIEW_CALL, REVIEW_ME);
  const m = call.report!.metrics;
  const byKey = new Map(metricRows(call).map((r) => [r.key, r]));
  const per10 = (n: number): string => num((n / call.durationSec) * 600, 1);
  assert.equal(byKey.get('questionsPer10')?.value, per10(m.questions!.me));
  assert.equal(byKey.get('engaging')?.value, per10(m.engagingQuestions!));
  assert.equal(byKey.get('engaging')?.range, 'at least 1 per 10 min');
  assert.equal(byKey.get('fillersPerWord')?.value, num(m.fillers!.perWord * 100, 1));
  assert.equal(byKey.get('sentimentBySide')?.value, `${num(m.sentiment!.bySide.me)} / ${num(m.sentiment!.bySide.them)}`);
  assert.equal(byKey.get('sentiment')?.range, '0–100, 50 neutral');
  assert.equal(byKey.get('sentiment')?.verdict, null, 'a scale is not a recommendation');
  assert.equal(byKey.get('moments')?.value, String(m.moments!.length));
  assert.equal(byKey.get('nextSteps')?.value, `Yes (${m.nextSteps!.items.length} items)`);
});
