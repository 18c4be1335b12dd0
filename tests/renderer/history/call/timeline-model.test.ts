// The timeline's view model on the real engine output for a three-speaker
// VTT: a lane per named participant, marks on the right lanes, both curves,
// and every moment as a marker with its kind, change and words.
import assert from 'node:assert/strict';
import test from 'node:test';
import { callCurves, curvePath, curvePoints, momentMarkers, signedPoints, timelineLanes } from '../../../../src-renderer/history/call/timeline-model';
import { callViewOf, REVIEW_CALL, REVIEW_ME } from '../support/call-view';

const call = callViewOf(REVIEW_CALL, REVIEW_ME);
const m = call.report!.metrics;

test('one lane per named participant, me first, with their own utterances', () => {
  const lanes = timelineLanes(call);
  assert.deepEqual(lanes.map((l) => [l.label, l.side]), [['Ana Lopez', 'me'], ['Ben Ode', 'them'], ['Chloe Park', 'them']]);
  const ben = lanes[1];
  const benUtts = call.utterances.filter((u) => u.speaker === 'Ben Ode');
  assert.equal(ben.spans[0][0], benUtts[0].start);
  const spoken = ben.spans.reduce((a, [s, e]) => a + e - s, 0);
  assert.ok(Math.abs(spoken - benUtts.reduce((a, u) => a + u.end - u.start, 0)) < 1e-9, 'Ben’s lane holds exactly his talk');
  // Every interruption and monologue of the call is on exactly one lane of its side.
  for (const side of ['me', 'them'] as const) {
    const onLanes = lanes.filter((l) => l.side === side);
    assert.equal(onLanes.reduce((a, l) => a + l.interruptions.length, 0), call.marks.interruptions[side].length);
    assert.equal(onLanes.reduce((a, l) => a + l.monologues.length, 0), call.marks.monologues[side].length);
  }
  assert.ok(lanes[0].monologues.length >= 1, 'Ana’s pricing monologue (57 s) is marked on her lane');
});

test('a call without speaker names has the two sides as lanes, from the segments', () => {
  const anon = { ...call, utterances: call.utterances.map((u) => ({ ...u, speaker: null })) };
  const lanes = timelineLanes(anon);
  assert.deepEqual(lanes.map((l) => l.label), ['You', 'Them']);
  assert.deepEqual(lanes[1].spans, call.segments.them);
});

test('sentiment and engagement curves: one point per window, in the window’s middle', () => {
  const curves = callCurves(call);
  assert.deepEqual(curves.map((c) => c.key), ['sentiment', 'engagement']);
  assert.deepEqual(curves[1].points.map((p) => p.value), m.engagement!.timeline.map(([, v]) => v));
  assert.deepEqual(curves[0].points.map((p) => p.t), m.sentiment!.timeline.map(([t]) => Math.min(t + 30, call.durationSec)));
  // The last window (360..384 s) is cut by the end of the call.
  assert.deepEqual(curvePoints([[360, 50]], 384), [{ t: 384, value: 50 }]);
});

test('a curve breaks where a window has no score', () => {
  const d = curvePath([{ t: 30, value: 50 }, { t: 90, value: 60 }, { t: 270, value: 40 }], (t) => t, (v) => 100 - v);
  assert.equal(d, 'M30.0,50.0L90.0,40.0M270.0,60.0');
});

test('every moment becomes a marker with its kind, signed change and the words before', () => {
  const markers = momentMarkers(m.moments);
  assert.equal(markers.length, m.moments!.length);
  assert.ok(markers.length >= 4, 'the fixture has moments of all four kinds');
  assert.deepEqual(new Set(markers.map((x) => x.kind)), new Set(['engagement-up', 'engagement-down', 'sentiment-up', 'sentiment-down']));
  markers.forEach((x, i) => {
    const src = m.moments![i];
    assert.equal(x.at, src.at);
    assert.equal(x.before, src.before);
    assert.equal(x.up, src.delta > 0);
    assert.equal(x.change, signedPoints(src.delta));
  });
  const priceDrop = markers.find((x) => x.kind === 'engagement-down')!;
  assert.equal(priceDrop.label, 'Engagement down');
  assert.equal(priceDrop.symbol, '▼');
  assert.match(priceDrop.before, /forty thousand a year/);
  assert.equal(signedPoints(-60.3), '−60.3');
  assert.equal(signedPoints(43), '+43');
});
