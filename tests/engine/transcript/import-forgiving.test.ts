// The import forgives what real exports hold and says so: skipped cues and
// lenient timings in the notes, speakers carried forward, names folded, a
// wrong --me answered with the closest names, sides from the audio when the
// file names no one; and it refuses clearly what it cannot read.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import { CandorError } from '../../../src-main/contract/errors';
import { loadTranscript, parseTranscript } from '../../../src-main/engine/transcript/import';
import { throwsCandorError } from '../../support/candor-error';
import { tempDir } from '../../support/tmp';

const vtt = (...cues: string[]): string => `WEBVTT\n\n${cues.join('\n\n')}\n`;

test('skipped cues and lenient timings reach the notes; the import fails only when no usable cue is left', () => {
  const t = parseTranscript(vtt('00:00:01.000 --> 00:00:02.000\nAna: hi', 'garbage --> 00:00:03.000\nBen: lost', '0:0:4.0 --> 0:0:5.0\nBen: late'), { file: 'f.vtt', me: 'ana' });
  assert.deepEqual(t.utterances.map((u) => [u.speaker, u.side, u.start]), [['Ana', 'me', 1], ['Ben', 'them', 4]]);
  assert.deepEqual(t.notes, [
    'Skipped 1 malformed cue (line 6: malformed cue timing "garbage --> 00:00:03.000").',
    'Read 1 cue timing in a non-standard form (first: line 9, "0:0:4.0 --> 0:0:5.0").',
  ]);
  throwsCandorError(() => parseTranscript(vtt('xx --> yy\nAna: a', 'zz --> 00:01.000\nAna: b'), { file: 'g.vtt', me: 'Ana' }), 'TRANSCRIPT_INVALID',
    'g.vtt:3: no usable cue: 2 cues skipped, the first because: malformed cue timing "xx --> yy"');
});

test('more skipped cues than named: the note gives the first three and the count of the rest', () => {
  const bad = Array.from({ length: 5 }, (_, i) => `bad${i} --> 00:00:09.000\nAna: x`);
  const t = parseTranscript(vtt('00:00:01.000 --> 00:00:02.000\nAna: hi', ...bad), { file: 'm.vtt', me: 'Ana' });
  assert.match(t.notes[0], /^Skipped 5 malformed cues \(line 6: .*; line 9: .*; line 12: .*; and 2 more\)\.$/);
});

test('the speaker carries forward over unlabelled cues, in VTT as in SRT; names differing in case or spaces are one', () => {
  const t = parseTranscript(vtt('00:01.000 --> 00:02.000\n<v Ana>hi', '00:02.000 --> 00:03.000\nmore from Ana',
    '00:03.000 --> 00:04.000\n  ANA : again', '00:04.000 --> 00:05.000\nben: yo'), { file: 'c.vtt', me: 'ana' });
  assert.deepEqual(t.speakers, ['Ana', 'ben']);
  assert.deepEqual(t.utterances.map((u) => [u.speaker, u.side]), [['Ana', 'me'], ['Ana', 'me'], ['ANA', 'me'], ['ben', 'them']]);
  // it changes Ana's figures, so the report says so
  assert.deepEqual(t.notes, ['1 cue without a speaker name was given to the speaker before it (first: line 6, given to "Ana").']);
  const many = parseTranscript(vtt('00:01.000 --> 00:02.000\nBen: hi', '00:02.000 --> 00:03.000\nmore', '00:03.000 --> 00:04.000\nand more'), { file: 'm.vtt', me: 'Ben' });
  assert.deepEqual(many.notes, ['2 cues without a speaker name were given to the speaker before them (first: line 6, given to "Ben").']);
});

test('cues before the first name are skipped with a note when there is no audio', () => {
  const t = parseTranscript(vtt('00:01.000 --> 00:02.000\nwelcome all', '00:02.000 --> 00:03.000\nAna: hi', '00:03.000 --> 00:04.000\nBen: yo'), { file: 'l.vtt', me: 'Ana' });
  assert.equal(t.utterances.length, 2);
  assert.deepEqual(t.notes, ['Skipped 1 cue before the first speaker name (first: line 3): give the audio too (candor analyze call.wav --transcript <file>) to place them.']);
});

test('a wrong --me suggests the closest names', () => {
  const text = vtt('00:01.000 --> 00:02.000\nAna Lopez: hi', '00:02.000 --> 00:03.000\nBen Ode: yo', '00:03.000 --> 00:04.000\nBenedict Cumberbatch: hey');
  throwsCandorError(() => parseTranscript(text, { file: 'w.vtt', me: 'Ben Oed' }), 'TRANSCRIPT_INVALID',
    'w.vtt: no speaker named "Ben Oed"; speakers found: "Ana Lopez", "Ben Ode", "Benedict Cumberbatch"',
    'Pass --me with one of those names, spelled as in the file. Did you mean "Ben Ode"?');
  throwsCandorError(() => parseTranscript(text, { file: 'w.vtt', me: 'lopez' }), 'TRANSCRIPT_INVALID',
    'w.vtt: no speaker named "lopez"; speakers found: "Ana Lopez", "Ben Ode", "Benedict Cumberbatch"',
    'Pass --me with one of those names, spelled as in the file. Did you mean "Ana Lopez"?');
  throwsCandorError(() => parseTranscript(text, { file: 'w.vtt', me: 'Xavier' }), 'TRANSCRIPT_INVALID',
    'w.vtt: no speaker named "Xavier"; speakers found: "Ana Lopez", "Ben Ode", "Benedict Cumberbatch"',
    'Pass --me with one of those names, spelled as in the file.');
});

test('no speaker names: with the audio each cue takes the side whose voice covers most of it', () => {
  const text = vtt('00:00.000 --> 00:04.000\nhello there', '00:04.000 --> 00:08.000\nhi back', '00:08.000 --> 00:09.000\nsilence here');
  const audio = { me: [[0, 3], [7.5, 7.9]] as [number, number][], them: [[3.5, 7.2]] as [number, number][] };
  const t = parseTranscript(text, { file: 'a.vtt', audio });
  assert.deepEqual(t.utterances.map((u) => [u.side, u.speaker]), [['me', null], ['them', null], ['me', null]]);
  assert.deepEqual(t.notes, ['The transcript names no speakers: each cue\'s side comes from the audio\'s voice activity. 1 cue with no voice under it took the side that speaks nearest.']);
});

test('files: BOM, CRLF and NUL bytes are read; non-UTF-8 and UTF-16 are refused with the line; a FIFO or folder is refused at once', () => {
  const dir = tempDir();
  const ok = join(dir, 'ok.vtt');
  writeFileSync(ok, Buffer.from('\uFEFFWEBVTT\r\n\r\n00:01.000 --> 00:02.000\r\nAna: h\0i\r\n', 'utf8'));
  assert.equal(loadTranscript(ok, { me: 'Ana' }).utterances[0].text, 'h\uFFFDi');

  const latin1 = join(dir, 'latin1.srt');
  writeFileSync(latin1, Buffer.concat([Buffer.from('1\n00:00:01,000 --> 00:00:02,000\nAna: caf'), Buffer.from([0xe9]), Buffer.from('\n')]));
  throwsCandorError(() => loadTranscript(latin1, { me: 'Ana' }), 'TRANSCRIPT_INVALID',
    `${latin1}:3: the file is not UTF-8 text (byte 0xE9 is not valid UTF-8; Windows-1252 or Latin-1 perhaps)`,
    'Save the transcript as UTF-8 (in most editors: "Save with encoding" > UTF-8) and try again.');

  const utf16 = join(dir, 'u16.vtt');
  writeFileSync(utf16, Buffer.from('\uFEFFWEBVTT\n\n00:01.000 --> 00:02.000\nAna: hi\n', 'utf16le'));
  throwsCandorError(() => loadTranscript(utf16, { me: 'Ana' }), 'TRANSCRIPT_INVALID', `${utf16}:1: the file is UTF-16LE text, not UTF-8`);

  const fifo = join(dir, 'pipe.vtt');
  execFileSync('mkfifo', [fifo]);
  throwsCandorError(() => loadTranscript(fifo, { me: 'Ana' }), 'TRANSCRIPT_INVALID', `${fifo}: a named pipe, not a transcript file`,
    'Save the transcript to a file and pass the path of that file.');
  const folder = join(dir, 'folder.vtt');
  mkdirSync(folder);
  throwsCandorError(() => loadTranscript(folder, { me: 'Ana' }), 'TRANSCRIPT_INVALID', `${folder}: a folder, not a transcript file`);
});

test('200 000 distinct speakers: a wrong or missing --me is still a short CandorError', () => {
  const n = 200_000;
  const cues = Array.from({ length: n }, (_, i) => `${i}.000 --> ${i}.500\nPerson ${i}: hi`);
  const text = `WEBVTT\n\n${cues.join('\n\n')}\n`;
  assert.throws(() => parseTranscript(text, { file: 'many.vtt', me: 'Nobody Here' }), (err: unknown) => {
    assert.ok(err instanceof CandorError, String(err));
    assert.match(err.message, /^many\.vtt: no speaker named "Nobody Here"; speakers found: "Person 0", .*"Person 19" and 199980 more$/);
    return true;
  });
  assert.throws(() => parseTranscript(text, { file: 'many.vtt' }), (err: unknown) => err instanceof CandorError && /"Person 19" \(talks 1 s\) and 199980 more$/.test(err.message));
});
