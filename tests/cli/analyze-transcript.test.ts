// `candor analyze --transcript` as a user runs it: transcript alone, with
// audio, --save into history (and search), errors with line numbers; and
// audio alone without a speech model says how to get language metrics.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import { LANGUAGE_NEEDS_MODELS_NOTE } from '../../src-main/engine/language/notes';
import { CallStore } from '../../src-main/engine/store/calls-store';
import { candor, ROOT } from '../support/cli';
import { TURN_TAKING } from '../support/scenarios';
import { buildCall, writeCall } from '../support/synth';
import { SHARED_MODELS, tempDir } from '../support/tmp';

const dir = tempDir();
const env = { CANDOR_MODELS_DIR: process.env.CANDOR_MODELS_DIR ?? SHARED_MODELS, CANDOR_DB: join(dir, 'candor.db'), CANDOR_HOME: dir };
const ZOOM = join(ROOT, 'tests/engine/transcript/fixtures/zoom.vtt');

test('--transcript alone: a full JSON report with transcript pace and language metrics', () => {
  const r = candor(['analyze', '--transcript', ZOOM, '--me', 'Ana Lopez', '--json'], env);
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.equal(j.file, ZOOM);
  assert.equal(j.durationSec, 26);
  assert.deepEqual(j.metrics.pace, { method: 'transcript', wpm: j.metrics.wpm });
  assert.deepEqual(j.metrics.questions, { me: 1, them: 0 });
  assert.equal(j.metrics.engagingQuestions, 1);
  assert.deepEqual(j.metrics.fillers.byWord, { so: 1 }); // Ben's "um" and "like" are not mine
  assert.deepEqual(j.metrics.nextSteps.items.map((i: { at: number }) => i.at), [20.5]);
  for (const k of ['talkShare', 'talkSec', 'longestMonologueSec', 'patienceSec', 'interruptions', 'silenceShare', 'sentiment', 'engagement', 'moments']) assert.ok(k in j.metrics, k);
  assert.equal(j.metrics.interruptions.me, 1); // 11.0 s: Ana cuts in while Ben speaks (4.5-12)
  assert.equal(r.stdout.trim().split('\n').length, 1);
});

test('the human report lists the words section', () => {
  const r = candor(['analyze', '--transcript', ZOOM, '--me', 'ana lopez'], env);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /Pace\s+\d+ wpm \(transcript\)/);
  assert.match(r.stdout, /next steps: set\n\s+0:21\s+Let's schedule a call on Tuesday/);
  assert.match(r.stdout, /sentiment \(0-100, 50 neutral\): call \d+/);
});

test('--save keeps the utterances: the call is searchable by what was said', () => {
  const r = candor(['analyze', '--transcript', ZOOM, '--me', 'Ana Lopez', '--save', '--json'], env);
  assert.equal(r.code, 0, r.stderr);
  const id = JSON.parse(r.stdout).callId as number;
  const store = new CallStore(env.CANDOR_DB);
  try {
    assert.equal(store.get(id).utterances.length, 5);
    const hit = store.search('rollout');
    assert.equal(hit[0].id, id);
    assert.equal(hit[0].match?.field, 'transcript');
    assert.equal(hit[0].match?.atSec, 0);
    assert.equal(store.get(id).questionsMe, 1);
  } finally {
    store.close();
  }
});

test('errors: unknown --me lists the speakers and the closest; a file with no usable cue names the line', () => {
  const r = candor(['analyze', '--transcript', ZOOM, '--me', 'Ana Lopes'], env);
  assert.equal(r.code, 1);
  assert.equal(r.stderr.split('\n')[0], `candor: ${ZOOM}: no speaker named "Ana Lopes"; speakers found: "Ana Lopez", "Ben Ode"`);
  assert.match(r.stderr, /Did you mean "Ana Lopez"\?/);
  const bad = join(dir, 'bad.srt');
  writeFileSync(bad, '1\n00:00:01,000 -> 00:00:02,000\nA: hi\n\n2\n00:00:03,000 --> 00:00:xx\nB: yo\n');
  const r2 = candor(['analyze', '--transcript', bad, '--me', 'A'], env);
  assert.equal(r2.code, 1);
  assert.match(r2.stderr, /^candor: .*bad\.srt:2: no usable cue: 2 cues skipped, the first because: text with no cue timing line before it \("00:00:01,000 -> 00:00:02,000"\)/);
  const r3 = candor(['analyze', '--transcript'], env);
  assert.equal(r3.code, 2);
});

test('a malformed cue is skipped, not fatal: the JSON notes and the human report say which lines', () => {
  const some = join(dir, 'some-bad.vtt');
  writeFileSync(some, 'WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nAna: hello there\n\n00:00:05.000 --> 00:00:0x\nBen: lost\n\n0:0:6.5 --> 0:0:9.0\nBen: found\n');
  const r = candor(['analyze', '--transcript', some, '--me', 'Ana', '--json'], env);
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.equal(j.utterances.length, 2);
  assert.ok(j.notes.includes('Skipped 1 malformed cue (line 6: malformed cue timing "00:00:05.000 --> 00:00:0x").'), JSON.stringify(j.notes));
  assert.ok(j.notes.includes('Read 1 cue timing in a non-standard form (first: line 9, "0:0:6.5 --> 0:0:9.0").'), JSON.stringify(j.notes));
  const h = candor(['analyze', '--transcript', some, '--me', 'Ana'], env);
  assert.equal(h.code, 0, h.stderr);
  assert.match(h.stdout, /note: Skipped 1 malformed cue \(line 6: malformed cue timing/);
});

test('no --me: the speakers are listed with their talk time', () => {
  const r = candor(['analyze', '--transcript', ZOOM], env);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /which speaker are you\? Speakers found: "Ana Lopez" \(talks \d+ s\), "Ben Ode" \(talks \d+ s\)/);
});

test('audio + transcript: the audio supplies timing, the transcript the words', () => {
  const call = buildCall(TURN_TAKING);
  const wav = join(dir, 'call.wav');
  writeCall(wav, call);
  const lines = TURN_TAKING.map((t, i) => {
    const end = (TURN_TAKING[i + 1]?.at ?? call.durationSec) - 0.2;
    return JSON.stringify({ speaker: t.side === 'me' ? 'Sam' : 'Kim', start: t.at, end, text: t.text });
  });
  const jsonl = join(dir, 'call.jsonl');
  writeFileSync(jsonl, lines.join('\n'));
  const plain = JSON.parse(candor(['analyze', wav, '--json'], env).stdout);
  const r = candor(['analyze', wav, '--transcript', jsonl, '--me', 'Sam', '--json'], env);
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.deepEqual(j.segments, plain.segments);
  assert.equal(j.metrics.talkShare, plain.metrics.talkShare);
  assert.equal(j.metrics.pace.method, 'transcript');
  assert.equal(j.metrics.paceAcoustic.method, 'acoustic');
  assert.deepEqual(j.metrics.questions, { me: 3, them: 0 }); // "How is your week", "Could you tell me", "What would change"
  assert.ok(j.notes.includes(`Timing comes from the audio; words come from the transcript ${jsonl}.`));
  // and the audio alone, with no speech model installed, says how to get the words
  assert.ok(plain.notes.includes(LANGUAGE_NEEDS_MODELS_NOTE), JSON.stringify(plain.notes));
  assert.equal(plain.metrics.questions, undefined);
});

test('--json carries participants (one per speaker, me among them), the utterances and the timing source', () => {
  const r = candor(['analyze', '--transcript', ZOOM, '--me', 'Ana Lopez', '--json'], env);
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.deepEqual(j.participants.map((p: { name: string; side: string }) => [p.name, p.side]), [['Ana Lopez', 'me'], ['Ben Ode', 'them']]);
  assert.equal(j.participants.find((p: { side: string }) => p.side === 'me').questions, j.metrics.questions.me);
  assert.equal(j.timingSource, 'transcript');
  assert.equal(j.utterances.length, 5);
});

test('the text report shows the participants table', () => {
  const r = candor(['analyze', '--transcript', ZOOM, '--me', 'Ana Lopez'], env);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /Participants\n\s+name\s+side\s+talk s\s+share\s+turns\s+monologue s\s+questions\s+wpm\n\s+Ana Lopez\s+me\s/);
  assert.match(r.stdout, /\n\s+Ben Ode\s+them\s/);
});

test('a transcript with no speaker names: with the audio each cue takes its side from the voice activity; without, the error says how', () => {
  const call = buildCall(TURN_TAKING);
  const wav = join(dir, 'unnamed-call.wav');
  writeCall(wav, call);
  const stamp = (s: number): string => `00:00:${s.toFixed(3).padStart(6, '0')}`;
  const cues = TURN_TAKING.map((t, i) => {
    const end = (TURN_TAKING[i + 1]?.at ?? call.durationSec) - 0.2;
    return `${stamp(t.at)} --> ${stamp(end)}\n${t.text}`;
  });
  const vttPath = join(dir, 'unnamed.vtt');
  writeFileSync(vttPath, `WEBVTT\n\n${cues.join('\n\n')}\n`);
  const r = candor(['analyze', wav, '--transcript', vttPath, '--json'], env);
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.deepEqual(j.utterances.map((u: { side: string }) => u.side), TURN_TAKING.map((t) => t.side));
  assert.ok(j.notes.some((n: string) => n.startsWith('The transcript names no speakers: each cue\'s side comes from the audio')), JSON.stringify(j.notes));
  const alone = candor(['analyze', '--transcript', vttPath], env);
  assert.equal(alone.code, 1);
  assert.match(alone.stderr, /unnamed\.vtt:3: the transcript names no speakers, so Candor cannot tell your lines from theirs\n.*candor analyze call\.wav --transcript <file>/);
});
