// The W3C web-platform-tests WebVTT file-parsing cases
// (tests/fixtures/wpt-webvtt, see SOURCE.md there) through Candor's WebVTT
// parser. Every case gives the cues the spec expects, or is listed in
// DEVIATIONS with the reason and the result Candor gives instead.
//
// What is compared of a cue: start and end (in whole milliseconds, the
// resolution of a WebVTT timestamp) and the text. Not compared:
//   - the cue identifier: Candor's cues carry who spoke when, not ids;
//   - cue settings, regions and style sheets (expected.json does not carry
//     them): they place captions on a video, which Candor has none of.
// Text: Candor joins a cue's lines with one space and trims it (it counts
// words, it does not lay captions out), so the spec's text is compared the
// same way; see candorText.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import test from 'node:test';
import { CandorError } from '../../../src-main/contract/errors';
import { parseTranscript } from '../../../src-main/engine/transcript/import';
import { parseVtt } from '../../../src-main/engine/transcript/vtt';

interface WptCue { id: string; start: number; end: number; text: string }
interface WptCase { title: string; outcome: 'cues' | 'error'; cues?: WptCue[]; wptAsserts: string; notCarried?: string }

const DIR = new URL('../../fixtures/wpt-webvtt/', import.meta.url);
const CASES: Record<string, WptCase> = JSON.parse(readFileSync(new URL('expected.json', DIR), 'utf8'));

const input = (name: string): string => readFileSync(new URL(`cases/${name}.vtt`, DIR), 'utf8');

/** The spec's cue text as Candor keeps it: white space runs become one space, ends trimmed. */
const candorText = (text: string): string => text.replace(/\s+/g, ' ').trim();
const ms = (sec: number): number => Math.round(sec * 1000);
const compared = (c: { start: number; end: number; text: string }) => ({ start: ms(c.start), end: ms(c.end), text: c.text });

const cue = (text: string, start = 0, end = 1): WptCue => ({ id: '', start, end, text });

type Deviation =
  | { reason: string; refused: true }
  | { reason: string; cues: WptCue[] };

const NO_USABLE_CUE = 'The spec gives an empty track. Candor refuses a transcript with no usable cue ' +
  '(issue #10: "the file fails only when no usable cue is left"): the import throws a CandorError.';

const LENIENT = 'Candor also reads the timestamps real exporters write (issue #10), when the W3C form fails: ' +
  'unpadded or longer fields (Teams "0:0:5.320"), M:SS ("1:03.100"), plain seconds with a fraction ("12.700"), ' +
  'a comma for the dot, any number of fraction digits, and no fraction after an H:M:S or M:SS clock. Seconds ' +
  '(and minutes of H:M:S) stay within 0-59; a bare integer, an empty field or a dot without digits stays refused. ' +
  'The spec refuses these timestamps, so cues it drops are kept (and noted) by Candor.';

/** `n` cues the spec drops that Candor keeps: all "invalid", from 0 to 1 s. */
const keptInvalid = (n: number): WptCue[] => Array.from({ length: n }, () => cue('invalid'));

const DEVIATIONS: Record<string, Deviation> = {
  'signature-no-newline': { reason: NO_USABLE_CUE, refused: true },
  'signature-space': { reason: NO_USABLE_CUE, refused: true },
  'signature-space-no-newline': { reason: NO_USABLE_CUE, refused: true },
  'signature-tab': { reason: NO_USABLE_CUE, refused: true },
  'signature-tab-no-newline': { reason: NO_USABLE_CUE, refused: true },
  'signature-timings': { reason: NO_USABLE_CUE, refused: true },
  'stylesheets-none': { reason: NO_USABLE_CUE, refused: true },
  'timings-eof': { reason: NO_USABLE_CUE, refused: true },
  'timings-negative': {
    reason: 'A cue that ends before it starts has no duration to measure as talk time: Candor skips it and ' +
      'notes it, where the spec keeps it. The cue that starts and ends at 0 is kept.',
    cues: [cue('text1', 0, 0)],
  },
  'timings-too-long': {
    reason: LENIENT,
    // Kept besides text1 and text2 (timing lines): 00:000:00.000, 00:00:000.000,
    // 00:00:00.0000, 00:00.0000 (twice), 000:00.000, 00:000.000, and the end
    // 000:01.000. Refused: "00::00:00.000", "00:00::00.000", "00:00:00..000",
    // "00::00.000", "00:00..000" (empty field or doubled mark).
    cues: [cue('text1'), ...keptInvalid(8), cue('text2')],
  },
  'timings-too-short': {
    reason: LENIENT,
    // Kept besides text1 and text2 (timing lines): 0000:00.000, 00:0:00.000,
    // 00:0000.000, 00:00:0.000, 00:00:00000, 00:00:00.00, 00:00:00.0,
    // 00:00:00, 00:00:0, 00:00, 00:0, 0:00.000, 0000.000, 00:0.000, 00:00000,
    // 00:00.00, 00:00.0, and the end 0:01.000 (18). Refused: "00:00:00.",
    // "00:00:", "00:", "00", "0", an empty start, "00:00.", "0:00.", ":00.",
    // "00.", "0.", ".".
    cues: [cue('text1'), ...keptInvalid(18), cue('text2')],
  },
  'timings-garbage': {
    reason: `${LENIENT} Here: "00:00:00,000 --> 00:00:01,000" (comma decimal marks); every other line has a letter in its timestamps and stays refused.`,
    cues: [cue('invalid')],
  },
};

test('the WPT data is complete: every case has an input, and every deviation names a case', () => {
  const names = Object.keys(CASES);
  assert.equal(names.length, 42);
  for (const name of names) assert.ok(input(name).length > 0, name);
  for (const name of Object.keys(DEVIATIONS)) assert.ok(name in CASES, `DEVIATIONS names an unknown case ${name}`);
});

for (const [name, c] of Object.entries(CASES)) {
  const file = `${name}.vtt`;
  const dev = DEVIATIONS[name];
  const label = dev ? `${name} (a documented deviation)` : name;

  test(`wpt webvtt/parsing/file-parsing ${label}: ${c.title}`, () => {
    const text = input(name);
    if (c.outcome === 'error' || (dev && 'refused' in dev)) {
      assert.throws(() => parseTranscript(text, { file }), (err: unknown) => {
        assert.ok(err instanceof CandorError, `expected a CandorError, got ${String(err)}`);
        assert.equal(err.code, 'TRANSCRIPT_INVALID');
        if (c.outcome === 'error') assert.ok(err.message.startsWith(`${file}:1: `), `the error names line 1: ${err.message}`);
        return true;
      });
      return;
    }
    const want = (dev && 'cues' in dev ? dev.cues : c.cues ?? []).map((w) => compared({ ...w, text: candorText(w.text) }));
    const got = parseVtt(text, file).map(compared);
    assert.deepEqual(got, want);
  });
}
