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

const LENIENT = 'Candor also reads the timestamps real exporters write (issue #10): H:M:S.f with unpadded ' +
  'fields (Teams "0:0:5.320"), M:SS.f ("1:03.100"), plain seconds ("12.700"), 1 to 3 fraction digits, ' +
  'and a comma for the dot. Fields stay within 0-59 and a fraction is required. The spec refuses these ' +
  'timestamps, so the cues it drops are kept (and noted) by Candor.';

const DEVIATIONS: Record<string, Deviation> = {
  'signature-no-newline': { reason: NO_USABLE_CUE, refused: true },
  'signature-space': { reason: NO_USABLE_CUE, refused: true },
  'signature-space-no-newline': { reason: NO_USABLE_CUE, refused: true },
  'signature-tab': { reason: NO_USABLE_CUE, refused: true },
  'signature-tab-no-newline': { reason: NO_USABLE_CUE, refused: true },
  'signature-timings': { reason: NO_USABLE_CUE, refused: true },
  'stylesheets-none': { reason: NO_USABLE_CUE, refused: true },
  'timings-eof': { reason: NO_USABLE_CUE, refused: true },
  'timings-too-short': {
    reason: LENIENT,
    // Besides the spec's text1 and text2, these "invalid" cues have a lenient
    // timing line (the rest stay refused: "00:00:00" has no fraction, "00:00."
    // no fraction digits, "0000:00.000" and "00:0000.000" too many digits):
    //   00:0:00.000  00:00:0.000  00:00:00.00  00:00:00.0        (H:M:S.f)
    //   0:00.000  00:0.000  00:00.00  00:00.0  and end "0:01.000" (M:S.f)
    //   0000.000                                                  (seconds)
    cues: [cue('text1'), ...Array.from({ length: 10 }, () => cue('invalid')), cue('text2')],
  },
  'timings-garbage': {
    reason: `${LENIENT} Here: "00:00:00,000 --> 00:00:01,000" (comma decimal marks); every other line stays refused.`,
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
  const label = dev ? `${name} (deviation: ${'refused' in dev ? 'refused, no usable cue' : 'lenient timings'})` : name;

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
