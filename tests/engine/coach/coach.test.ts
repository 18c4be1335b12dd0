import { test } from 'node:test';
import assert from 'node:assert/strict';
import { idleSnapshot, type LiveSnapshot } from '../../../src-main/contract/live';
import { NudgeCoach } from '../../../src-main/engine/coach/coach';

function snap(t: number, over: Partial<LiveSnapshot> = {}): LiveSnapshot {
  return { ...idleSnapshot(), state: 'recording', callId: 1, elapsedSec: t, talkShare: 0.5, ...over };
}

/** Runs a call at 4 snapshots a second and returns the nudges with their times. */
function run(coach: NudgeCoach, until: number, at: (t: number) => Partial<LiveSnapshot>): [number, string][] {
  const out: [number, string][] = [];
  for (let t = 0; t <= until; t += 0.25) {
    const n = coach.observe(snap(t, at(t)));
    if (n) out.push([t, n.kind]);
  }
  return out;
}

test('let them talk: talk share above 60% once a minute of call has passed', () => {
  const c = new NudgeCoach();
  const got = run(c, 100, () => ({ talkShare: 0.8 }));
  assert.deepEqual(got, [[60, 'let-them-talk']]);
  assert.deepEqual(run(new NudgeCoach(), 200, () => ({ talkShare: 0.55 })), [], 'in range: silence');
});

test('let them talk: a 90 s monologue, with the time in the text', () => {
  const c = new NudgeCoach();
  let detail = '';
  for (let t = 0; t <= 100; t += 0.25) {
    const n = c.observe(snap(t, { talkShare: 0.5, currentMonologueSec: Math.max(0, t - 5) }));
    if (n) detail = `${t} ${n.title}: ${n.detail}`;
  }
  assert.equal(detail, '95 Let them talk: You have been talking for 1:30 without a break.');
});

test('slow down: recent pace above 170 wpm for 15 s', () => {
  const got = run(new NudgeCoach(), 120, (t) => ({ recentWpm: t >= 20 && t < 30 ? 200 : t >= 40 ? 190 : 140 }));
  assert.deepEqual(got, [[55, 'slow-down']], 'a 10 s burst is not enough; 15 s sustained is');
});

test('pause before answering: on an interruption, and on quick answers', () => {
  const got = run(new NudgeCoach(), 30, (t) => ({ interruptions: { me: t >= 12 ? 1 : 0, them: 0 } }));
  assert.deepEqual(got, [[12, 'pause-before-answering']]);
  const quick = run(new NudgeCoach(), 60, (t) => {
    const count = Math.floor(t / 10);
    return { patienceSec: { mean: 0.3, median: 0.3, count } };
  });
  assert.deepEqual(quick, [[30, 'pause-before-answering']]);
});

test('ask a question: only with language figures, after 10 minutes without one', () => {
  assert.deepEqual(run(new NudgeCoach(), 700, () => ({ questionsMe: null, languageAvailable: false })), []);
  const got = run(new NudgeCoach(), 1000, (t) => ({ questionsMe: t >= 200 ? 1 : 0, languageAvailable: true }));
  assert.deepEqual(got, [[800, 'ask-a-question']], 'ten minutes after the last question');
});

test('at most one nudge per 60 s overall, and each kind at most every 5 minutes', () => {
  const got = run(new NudgeCoach(), 700, (t) => ({ talkShare: 0.8, recentWpm: 200, interruptions: { me: Math.floor(t / 20), them: 0 } }));
  for (let i = 1; i < got.length; i++) assert.ok(got[i][0] - got[i - 1][0] >= 60, `gap before ${got[i][0]}`);
  const kinds = got.map(([, k]) => k);
  assert.deepEqual(got.slice(0, 3), [[15, 'slow-down'], [75, 'let-them-talk'], [140, 'pause-before-answering']]);
  const ltt = got.filter(([, k]) => k === 'let-them-talk').map(([t]) => t);
  for (let i = 1; i < ltt.length; i++) assert.ok(ltt[i] - ltt[i - 1] >= 300);
  assert.ok(kinds.length >= 6);
});

test('muted kinds and a paused coach say nothing; a new call starts fresh', () => {
  const c = new NudgeCoach({ muted: ['let-them-talk'] });
  assert.deepEqual(run(c, 100, () => ({ talkShare: 0.9 })), []);
  c.setMuted([]);
  c.setPaused(true);
  assert.deepEqual(run(c, 100, () => ({ talkShare: 0.9 })), []);
  c.setPaused(false);
  const n = c.observe(snap(100, { talkShare: 0.9 }));
  assert.equal(n?.kind, 'let-them-talk');
  assert.equal(c.observe(snap(61, { callId: 2, talkShare: 0.9 }))?.callId, 2, 'cool-downs belong to one call');
  assert.equal(c.observe({ ...snap(200), state: 'idle' }), null);
});
