// WebVTT import: Zoom "Name: text" cues, Teams <v Name> spans, and errors
// that name the line.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import test from 'node:test';
import { CandorError } from '../../../src-main/contract/errors';
import { parseVtt } from '../../../src-main/engine/transcript/vtt';

const fixture = (name: string): string => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

function throwsAt(fn: () => unknown, code: string, message: string): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof CandorError);
    assert.equal(err.code, code);
    assert.equal(err.message, message);
    return true;
  });
}

test('Zoom shape: the speaker comes from the "Name: " prefix', () => {
  const cues = parseVtt(fixture('zoom.vtt'), 'zoom.vtt');
  assert.equal(cues.length, 5);
  assert.deepEqual(cues[0], { speaker: 'Ana Lopez', start: 0, end: 4, text: 'Hi Ben, thanks for joining. So, how is the rollout going?', line: 4 });
  assert.deepEqual(cues.map((c) => c.speaker), ['Ana Lopez', 'Ben Ode', 'Ana Lopez', 'Ben Ode', 'Ana Lopez']);
  assert.deepEqual([cues[2].start, cues[2].end], [11, 13]);
});

test('Teams shape: <v Name> and <v.class Name>, markup and entities removed, NOTE and cue settings skipped', () => {
  const cues = parseVtt(fixture('teams.vtt'), 'teams.vtt');
  assert.deepEqual(cues, [
    { speaker: 'Ana Lopez', start: 1, end: 3.5, text: 'Good morning everyone.', line: 5 },
    { speaker: 'Ben Ode', start: 3, end: 6, text: 'Morning! Can you hear me?', line: 8 },
    { speaker: 'Ana Lopez', start: 6.2, end: 9, text: 'Yes, loud and clear & ready.', line: 12 },
  ]);
});

test('mm:ss.ttt timestamps, CRLF line ends and a BOM are accepted', () => {
  const cues = parseVtt('\uFEFFWEBVTT - title\r\n\r\n01:02.500 --> 01:04.000\r\nSam: hello there\r\n', 'x.vtt');
  assert.deepEqual(cues, [{ speaker: 'Sam', start: 62.5, end: 64, text: 'hello there', line: 3 }]);
});

test('a colon that is not a speaker prefix stays in the text', () => {
  const cues = parseVtt('WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nIt is 3:30 now. Really: yes.\n', 'x.vtt');
  assert.equal(cues[0].speaker, null);
  assert.equal(cues[0].text, 'It is 3:30 now. Really: yes.');
});

test('errors carry the file and line number', () => {
  throwsAt(() => parseVtt('1\n00:00:01,000 --> 00:00:02,000\nhi\n', 'a.vtt'), 'TRANSCRIPT_INVALID', 'a.vtt:1: a WebVTT file must start with "WEBVTT"');
  throwsAt(() => parseVtt('WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nA: hi\n\n00:00:03.000 -> 00:00:04.000\nA: there\n', 'b.vtt'),
    'TRANSCRIPT_INVALID', 'b.vtt:6: expected a cue timing line but found "00:00:03.000 -> 00:00:04.000"');
  throwsAt(() => parseVtt('WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nA: hi\n\n00:00:03.000 --> 00:00:6\nA: there\n', 'c.vtt'),
    'TRANSCRIPT_INVALID', 'c.vtt:6: malformed cue timing "00:00:03.000 --> 00:00:6"');
  throwsAt(() => parseVtt('WEBVTT\n\ncue-1\n00:00:05.000 --> 00:00:04.000\nA: hi\n', 'd.vtt'),
    'TRANSCRIPT_INVALID', 'd.vtt:4: cue ends (4 s) before it starts (5 s)');
});
