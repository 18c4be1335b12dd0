// The dispatcher: format detection, --me, same-speaker overlap, speakers
// carried over, and overlapping speech between different speakers.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import { CandorError } from '../../../src-main/contract/errors';
import { detectFormat, loadTranscript, parseTranscript } from '../../../src-main/engine/transcript/import';
import { throwsCandorError } from '../../support/candor-error';
import { tempDir } from '../../support/tmp';

const FIX = new URL('./fixtures/', import.meta.url).pathname;

test('Zoom VTT with --me: my lines are me, everyone else them; overlap between speakers is valid', () => {
  const t = loadTranscript(join(FIX, 'zoom.vtt'), { me: '  ana LOPEZ ' });
  assert.equal(t.format, 'vtt');
  assert.deepEqual(t.speakers, ['Ana Lopez', 'Ben Ode']);
  assert.deepEqual(t.utterances.map((u) => [u.side, u.start, u.end]), [['me', 0, 4], ['them', 4.5, 12], ['me', 11, 13], ['them', 13.2, 20], ['me', 20.5, 26]]);
  assert.equal(t.utterances[1].speaker, 'Ben Ode');
});

test('Teams VTT picks me by name', () => {
  const t = loadTranscript(join(FIX, 'teams.vtt'), { me: 'Ben Ode' });
  assert.deepEqual(t.utterances.map((u) => u.side), ['them', 'me', 'them']);
});

test('SRT: a cue without a name continues the previous speaker', () => {
  const t = loadTranscript(join(FIX, 'named.srt'), { me: 'Ben' });
  assert.deepEqual(t.utterances.map((u) => [u.speaker, u.side]), [['Ana', 'them'], ['Ben', 'me'], ['Ben', 'me']]);
});

test('speakers literally named me/them need no --me', () => {
  const t = loadTranscript(join(FIX, 'call.jsonl'));
  assert.deepEqual(t.utterances.map((u) => u.side), ['me', 'them', 'me']);
});

test('unknown --me lists the speakers found', () => {
  throwsCandorError(() => loadTranscript(join(FIX, 'zoom.vtt'), { me: 'Carla' }), 'TRANSCRIPT_INVALID',
    `${join(FIX, 'zoom.vtt')}: no speaker named "Carla"; speakers found: "Ana Lopez", "Ben Ode"`);
});

test('no --me with named speakers asks which one is me', () => {
  throwsCandorError(() => loadTranscript(join(FIX, 'teams.vtt')), 'BAD_ARGUMENT',
    `${join(FIX, 'teams.vtt')}: which speaker are you? Speakers found: "Ana Lopez" (talks 5 s), "Ben Ode" (talks 3 s)`, 'Pass --me "<name>" with one of them.');
});

test('one speaker in two cues at once is noted with both line numbers, not refused', () => {
  const vtt = 'WEBVTT\n\n00:00:00.000 --> 00:00:05.000\nAna: one\n\n00:00:02.000 --> 00:00:04.000\nBen: overlap is fine\n\n00:00:04.000 --> 00:00:06.000\nAna: two\n';
  const t = parseTranscript(vtt, { file: 'o.vtt', me: 'Ana' });
  assert.equal(t.utterances.length, 3);
  assert.deepEqual(t.notes, ['1 cue overlaps an earlier cue of the same speaker (first: line 9, "Ana" from 4 s, before their cue on line 3 ends at 5 s); the overlapping time counts once.']);
  const ok = parseTranscript(vtt.replace('00:00:04.000 --> 00:00:06.000', '00:00:05.000 --> 00:00:06.000'), { file: 'o.vtt', me: 'Ana' });
  assert.deepEqual(ok.notes, []);
});

test('a transcript without any speaker names is refused', () => {
  throwsCandorError(() => parseTranscript('1\n00:00:00,000 --> 00:00:01,000\nhello\n', { file: 'n.srt', me: 'x' }), 'TRANSCRIPT_INVALID',
    'n.srt:2: the transcript names no speakers, so Candor cannot tell your lines from theirs',
    'Give the call\'s audio too: candor analyze call.wav --transcript <file> (each cue takes the side whose voice covers most of it), ' +
    'or use an export with speaker names ("Name: text" or <v Name>).');
});

test('format detection by extension, then by content', () => {
  assert.equal(detectFormat('', 'a.VTT'), 'vtt');
  assert.equal(detectFormat('', 'a.ndjson'), 'jsonl');
  assert.equal(detectFormat('WEBVTT\n', 'a.txt'), 'vtt');
  assert.equal(detectFormat('{"a":1}', 'a.txt'), 'jsonl');
  assert.equal(detectFormat('1\n00:00:01,000 --> 00:00:02,000\nx', 'a.txt'), 'srt');
  assert.equal(detectFormat('\uFEFF\n\n00:00:01,000 --> 00:00:02,000\nx', 'a.txt'), 'srt');
  throwsCandorError(() => detectFormat('hello', 'a.txt'), 'TRANSCRIPT_INVALID', 'a.txt:1: unknown transcript format');
  throwsCandorError(() => detectFormat('\n12\nhello', 'a.txt'), 'TRANSCRIPT_INVALID', 'a.txt:3: unknown transcript format');
});

test('a missing file is FILE_NOT_FOUND; an empty one has no spoken lines', () => {
  const dir = tempDir();
  assert.throws(() => loadTranscript(join(dir, 'nope.vtt')), (e: unknown) => e instanceof CandorError && e.code === 'FILE_NOT_FOUND');
  writeFileSync(join(dir, 'empty.vtt'), 'WEBVTT\n');
  throwsCandorError(() => loadTranscript(join(dir, 'empty.vtt'), { me: 'a' }), 'TRANSCRIPT_INVALID', `${join(dir, 'empty.vtt')}:1: the transcript has no spoken lines`);
});
