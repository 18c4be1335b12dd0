// SubRip and JSON Lines import: cues, and skipped lines logged with their numbers.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import test from 'node:test';
import { ImportLog } from '../../../src-main/engine/transcript/import-log';
import { parseJsonl } from '../../../src-main/engine/transcript/jsonl';
import { parseSrt } from '../../../src-main/engine/transcript/srt';

const fixture = (name: string): string => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

test('SRT with "Name: text"; a cue without a name keeps null here (the dispatcher fills it)', () => {
  assert.deepEqual(parseSrt(fixture('named.srt')), [
    { speaker: 'Ana', start: 0, end: 2, text: 'Do you have a minute', line: 2 },
    { speaker: 'Ben', start: 2.5, end: 5, text: "Sure, what's up?", line: 6 },
    { speaker: null, start: 5.1, end: 7, text: 'and then some more words', line: 10 },
  ]);
});

test('SRT: malformed cues are skipped with their lines and reasons, not fatal', () => {
  const log = new ImportLog();
  const cues = parseSrt('1\n00:00:01,000 --> 00:00:02,000\nA: hi\n\nA: oops\n\n2\n00:00:03,000 00:00:04,000\nB: yo\n\n' +
    '3\n00:00:09,000 --> 00:00:05,000\nA: backwards\n\n4\n00:00:10,000 --> 00:00:11,000\nB: fine\n', log);
  assert.deepEqual(cues.map((c) => [c.line, c.text]), [[2, 'hi'], [16, 'fine']]);
  assert.deepEqual(log.firstSkips, [
    { line: 5, reason: 'text with no cue timing line before it ("A: oops")' },
    { line: 8, reason: 'text with no cue timing line before it ("00:00:03,000 00:00:04,000")' },
    { line: 12, reason: 'the cue ends (5 s) before it starts (9 s)' },
  ]);
});

test('SRT: no index, "." decimals, white space on blank lines, no blank line between cues; lenient times noted', () => {
  const log = new ImportLog();
  const cues = parseSrt('00:00:01.000 --> 00:00:02.000\nA: one\n \t\n2\n00:00:02,500 --> 00:00:03,000 X1:10 X2:20\nB: two\n3\n0:0:4.5 --> 0:0:5\nA: three\n', log);
  assert.deepEqual(cues.map((c) => [c.speaker, c.start, c.end, c.text, c.line]), [
    ['A', 1, 2, 'one', 1], ['B', 2.5, 3, 'two', 5], ['A', 4.5, 5, 'three', 8],
  ]);
  assert.deepEqual(log.notes(), ['Read 1 cue timing in a non-standard form (first: line 8, "0:0:4.5 --> 0:0:5").']);
});

test('JSON Lines: objects per line, blank lines skipped, line numbers kept', () => {
  assert.deepEqual(parseJsonl(fixture('call.jsonl')), [
    { speaker: 'me', start: 0, end: 2.5, text: 'What does your team use today', line: 1 },
    { speaker: 'them', start: 3, end: 9.5, text: 'Mostly spreadsheets and a lot of email.', line: 2 },
    { speaker: 'me', start: 10, end: 11, text: 'I see.', line: 4 },
  ]);
});

test('JSON Lines: a bad line is skipped and logged with its line and reason', () => {
  const ok = '{"speaker":"a","start":0,"end":1,"text":"hi"}';
  const reasons = (text: string): string[] => {
    const log = new ImportLog();
    parseJsonl(text, log);
    return log.firstSkips.map((s) => `${s.line}: ${s.reason}`);
  };
  const jsonError = (() => { try { JSON.parse('{"speaker":"a","start":1,'); } catch (e) { return (e as Error).message; } return ''; })();
  assert.deepEqual(reasons(`${ok}\n\n{"speaker":"a","start":1,`), [`3: not valid JSON (${jsonError})`]);
  assert.deepEqual(reasons(`${ok}\n{"speaker":"a","end":1,"text":"x"}`), ['2: "start" must be a number of seconds >= 0, got nothing']);
  assert.deepEqual(reasons('{"speaker":"a","start":4,"end":3,"text":"x"}'), ['1: the line ends (3 s) before it starts (4 s)']);
  assert.deepEqual(reasons('[1,2]'), ['1: expected a JSON object']);
  assert.deepEqual(reasons('{"speaker":3,"start":0,"end":1,"text":"x"}'), ['1: "speaker" must be a string, got 3']);
});
