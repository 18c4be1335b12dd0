// SubRip and JSON Lines import, with line-numbered errors.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import test from 'node:test';
import { CandorError } from '../../../src-main/contract/errors';
import { parseJsonl } from '../../../src-main/engine/transcript/jsonl';
import { parseSrt } from '../../../src-main/engine/transcript/srt';

const fixture = (name: string): string => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

function throwsMessage(fn: () => unknown, message: string): void {
  assert.throws(fn, (err: unknown) => err instanceof CandorError && err.code === 'TRANSCRIPT_INVALID' && err.message === message);
}

test('SRT with "Name: text"; a cue without a name keeps null here (the dispatcher fills it)', () => {
  assert.deepEqual(parseSrt(fixture('named.srt'), 'named.srt'), [
    { speaker: 'Ana', start: 0, end: 2, text: 'Do you have a minute', line: 2 },
    { speaker: 'Ben', start: 2.5, end: 5, text: "Sure, what's up?", line: 6 },
    { speaker: null, start: 5.1, end: 7, text: 'and then some more words', line: 10 },
  ]);
});

test('SRT errors name the line', () => {
  throwsMessage(() => parseSrt('1\n00:00:01,000 --> 00:00:02,000\nA: hi\n\nA: oops\n', 's.srt'), 's.srt:5: expected a cue number but found "A: oops"');
  throwsMessage(() => parseSrt('1\n00:00:01,000 --> 00:00:02,000\nA: hi\n\n2\n00:00:03,000 00:00:04,000\nB: yo\n', 's.srt'),
    's.srt:6: malformed cue timing "00:00:03,000 00:00:04,000"');
  throwsMessage(() => parseSrt('1\n00:00:09,000 --> 00:00:02,000\nA: hi\n', 's.srt'), 's.srt:2: cue ends (2 s) before it starts (9 s)');
});

test('JSON Lines: objects per line, blank lines skipped, line numbers kept', () => {
  assert.deepEqual(parseJsonl(fixture('call.jsonl'), 'call.jsonl'), [
    { speaker: 'me', start: 0, end: 2.5, text: 'What does your team use today', line: 1 },
    { speaker: 'them', start: 3, end: 9.5, text: 'Mostly spreadsheets and a lot of email.', line: 2 },
    { speaker: 'me', start: 10, end: 11, text: 'I see.', line: 4 },
  ]);
});

test('JSON Lines errors name the line', () => {
  const ok = '{"speaker":"a","start":0,"end":1,"text":"hi"}';
  throwsMessage(() => parseJsonl(`${ok}\n\n{"speaker":"a","start":1,`, 'j.jsonl'),
    `j.jsonl:3: not valid JSON (${(() => { try { JSON.parse('{"speaker":"a","start":1,'); } catch (e) { return (e as Error).message; } return ''; })()})`);
  throwsMessage(() => parseJsonl(`${ok}\n{"speaker":"a","end":1,"text":"x"}`, 'j.jsonl'), 'j.jsonl:2: "start" must be a number of seconds >= 0, got undefined');
  throwsMessage(() => parseJsonl('{"speaker":"a","start":4,"end":3,"text":"x"}', 'j.jsonl'), 'j.jsonl:1: the line ends (3 s) before it starts (4 s)');
  throwsMessage(() => parseJsonl('[1,2]', 'j.jsonl'), 'j.jsonl:1: expected a JSON object');
  throwsMessage(() => parseJsonl('{"speaker":3,"start":0,"end":1,"text":"x"}', 'j.jsonl'), 'j.jsonl:1: "speaker" must be a string, got 3');
});
