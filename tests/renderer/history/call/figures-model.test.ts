// The figures panel's next steps, participants and timing source, on the
// real engine output for a three-speaker VTT.
import assert from 'node:assert/strict';
import test from 'node:test';
import { nextStepRows, participantRows, timingSourceText } from '../../../../src-renderer/history/call/figures-model';
import { clock, num, pct } from '../../../../src-renderer/shared/format';
import { callViewOf, REVIEW_CALL, REVIEW_ME } from '../support/call-view';

const call = callViewOf(REVIEW_CALL, REVIEW_ME);

test('next steps with their times and who said them', () => {
  assert.deepEqual(nextStepRows(call).map((r) => [r.time, r.who]), [['5:52', 'You'], ['6:02', 'Them'], ['6:06', 'You']]);
});

test('one participants row per speaker, every column from the contract', () => {
  const rows = participantRows(call);
  assert.deepEqual(rows.map((r) => r.name), call.participants.map((p) => p.name));
  call.participants.forEach((p, i) => {
    assert.deepEqual(rows[i], {
      name: p.name, label: p.name, side: p.side, sideLabel: p.side === 'me' ? 'you' : 'them', talk: clock(p.talkSec), share: pct(p.share),
      turns: String(p.turns), longestMonologue: clock(p.longestMonologueSec), questions: String(p.questions), wpm: num(p.wpm),
    });
  });
  assert.equal(rows.length, 3);
});

test('an audio-only call’s two sides read as You and Them', () => {
  const sides = call.participants.slice(0, 2).map((p, i) => ({ ...p, name: i ? 'them' : 'me', side: i ? 'them' as const : 'me' as const }));
  assert.deepEqual(participantRows({ ...call, participants: sides }).map((r) => [r.label, r.sideLabel]), [['You', ''], ['Them', '']]);
});

test('an imported transcript says its timing came from the cue times', () => {
  assert.equal(timingSourceText(call), 'Timing from the transcript’s cue times');
  assert.equal(timingSourceText({ ...call, report: { ...call.report!, timingSource: 'audio' } }), 'Timing from the audio (voice activity)');
  assert.equal(timingSourceText({ ...call, report: { ...call.report!, timingSource: undefined } }), null);
});
