// WebVTT import: Zoom "Name: text" cues, Teams <v Name> spans, malformed cues
// skipped (not fatal) with their line numbers, lenient timings noted.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import test from 'node:test';
import { ImportLog } from '../../../src-main/engine/transcript/import-log';
import { parseVtt } from '../../../src-main/engine/transcript/vtt';
import { throwsCandorError } from '../../support/candor-error';

const fixture = (name: string): string => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

test('Zoom shape: the speaker comes from the "Name: " prefix', () => {
  const cues = parseVtt(fixture('zoom.vtt'), 'zoom.vtt');
  assert.equal(cues.length, 5);
  assert.deepEqual(cues[0], { speaker: 'Ana Lopez', start: 0, end: 4, text: 'Hi Ben, thanks for joining. So, how is the rollout going?', line: 4 });
  assert.deepEqual(cues.map((c) => c.speaker), ['Ana Lopez', 'Ben Ode', 'Ana Lopez', 'Ben Ode', 'Ana Lopez']);
  assert.deepEqual([cues[2].start, cues[2].end], [11, 13]);
});

test('Teams shape: <v Name> and <v.class Name>, markup and entities removed, NOTE and cue settings skipped', () => {
  const log = new ImportLog();
  const cues = parseVtt(fixture('teams.vtt'), 'teams.vtt', log);
  assert.deepEqual(cues, [
    { speaker: 'Ana Lopez', start: 1, end: 3.5, text: 'Good morning everyone.', line: 5 },
    { speaker: 'Ben Ode', start: 3, end: 6, text: 'Morning! Can you hear me?', line: 8 },
    { speaker: 'Ana Lopez', start: 6.2, end: 9, text: 'Yes, loud and clear & ready.', line: 12 },
  ]);
  assert.deepEqual(log.notes(), []);
});

test('mm:ss.ttt timestamps, CRLF and CR line ends and a BOM are accepted', () => {
  const cues = parseVtt('\uFEFFWEBVTT - title\r\n\r\n01:02.500 --> 01:04.000\r\nSam: hello there\r\n', 'x.vtt');
  assert.deepEqual(cues, [{ speaker: 'Sam', start: 62.5, end: 64, text: 'hello there', line: 3 }]);
  const cr = parseVtt('WEBVTT\r\r00:01.000 --> 00:02.000\rSam: hi\r\r00:03.000 --> 00:04.000\rKim: yo', 'cr.vtt');
  assert.deepEqual(cr.map((c) => [c.speaker, c.line]), [['Sam', 3], ['Kim', 6]]);
});

test('a colon that is not a speaker prefix stays in the text', () => {
  const cues = parseVtt('WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nIt is 3:30 now. Really: yes.\n', 'x.vtt');
  assert.equal(cues[0].speaker, null);
  assert.equal(cues[0].text, 'It is 3:30 now. Really: yes.');
});

test('a file that does not start with WEBVTT is refused at line 1', () => {
  throwsCandorError(() => parseVtt('1\n00:00:01,000 --> 00:00:02,000\nhi\n', 'a.vtt'), 'TRANSCRIPT_INVALID', 'a.vtt:1: a WebVTT file must start with "WEBVTT"');
  throwsCandorError(() => parseVtt('WEBVTTX\n', 'a.vtt'), 'TRANSCRIPT_INVALID', 'a.vtt:1: a WebVTT file must start with "WEBVTT"');
  throwsCandorError(() => parseVtt('', 'e.vtt'), 'TRANSCRIPT_INVALID', 'e.vtt:1: a WebVTT file must start with "WEBVTT"');
});

test('malformed cues are skipped, not fatal; the log names their lines and reasons', () => {
  const vtt = [
    'WEBVTT', '',
    '00:00:01.000 --> 00:00:02.000', 'A: hi', '', // 3
    '00:00:03.000 -> 00:00:04.000', 'A: no arrow', '', // 6: text with no timing line
    'c3', '00:00:05.000 --> 00:00:xx', 'A: bad end', '', // 10
    '00:00:09.000 --> 00:00:08.000', 'A: backwards', '', // 13
    '00:00:10.000 --> 00:00:11.000', 'B: fine', // 16
  ].join('\n');
  const log = new ImportLog();
  const cues = parseVtt(vtt, 'b.vtt', log);
  assert.deepEqual(cues.map((c) => [c.line, c.text]), [[3, 'hi'], [16, 'fine']]);
  assert.equal(log.skippedCount, 3);
  assert.deepEqual(log.firstSkips, [
    { line: 6, reason: 'text with no cue timing line before it ("00:00:03.000 -> 00:00:04.000")' },
    { line: 10, reason: 'malformed cue timing "00:00:05.000 --> 00:00:xx"' },
    { line: 13, reason: 'the cue ends (8 s) before it starts (9 s)' },
  ]);
  assert.deepEqual(log.notes(), [
    'Skipped 3 malformed cues (line 6: text with no cue timing line before it ("00:00:03.000 -> 00:00:04.000"); ' +
      'line 10: malformed cue timing "00:00:05.000 --> 00:00:xx"; line 13: the cue ends (8 s) before it starts (9 s)).',
  ]);
});

test('lenient timings real exporters write are read and noted', () => {
  const vtt = [
    'WEBVTT', '',
    '0:0:0.0 --> 0:0:5.320', 'A: teams graph', '', // 3
    '5.860 --> 7.380', 'B: diariser', '', // 6
    '1:03.100 --> 1:04.000', 'A: unpadded minutes', '', // 9
    '00:01:05,000 --> 00:01:06,500', 'B: comma', '', // 12
    '00:01:07.000 --> 00:01:08.000', 'A: standard', // 15
  ].join('\n');
  const log = new ImportLog();
  const cues = parseVtt(vtt, 'l.vtt', log);
  assert.deepEqual(cues.map((c) => [c.start, c.end]), [[0, 5.32], [5.86, 7.38], [63.1, 64], [65, 66.5], [67, 68]]);
  assert.equal(log.lenientCount, 4);
  assert.equal(log.skippedCount, 0);
  assert.deepEqual(log.notes(), ['Read 4 cue timings in a non-standard form (first: line 3, "0:0:0.0 --> 0:0:5.320").']);
});

test('a STYLE block may hold blank lines; cues need no blank line between them; NULs become U+FFFD', () => {
  const vtt = 'WEBVTT\n\nSTYLE\n::cue { color: red }\n\n::cue(b) { color: blue }\n\nNOTE a comment\n\n' +
    '00:00:01.000 --> 00:00:02.000\nA: one\n00:00:02.000 --> 00:00:03.000\nB: t\0wo\n';
  const log = new ImportLog();
  const cues = parseVtt(vtt, 's.vtt', log);
  assert.deepEqual(cues.map((c) => [c.speaker, c.text, c.line]), [['A', 'one', 10], ['B', 't\uFFFDwo', 12]]);
  assert.equal(log.skippedCount, 0);
});

test('a whitespace-only line does not end a cue (the spec\'s rule); the lines join its text', () => {
  const cues = parseVtt('WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nA: one\n   \ntwo\n', 'w.vtt');
  assert.deepEqual(cues.map((c) => c.text), ['one two']);
});
