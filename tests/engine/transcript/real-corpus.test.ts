// Real exported transcripts (tests/fixtures/transcripts/real, origins and
// licences in SOURCE.md there) imported through the product path,
// loadTranscript. Each file's cue count, speakers (first appearance order)
// and words per speaker were counted independently of Candor's parser
// (the one-off in SOURCE.md) into expected.json.
// Words are whitespace-separated tokens of a speaker's utterances, as
// METRICS.md and issue #10 define `words` for participants.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import test from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadTranscript } from '../../../src-main/engine/transcript/import';

interface Expected { format: 'vtt' | 'srt'; cues: number; speakers: string[]; words: Record<string, number> }

const DIR = new URL('../../fixtures/transcripts/real/', import.meta.url);
const EXPECTED: Record<string, Expected> = JSON.parse(readFileSync(new URL('expected.json', DIR), 'utf8'));

const key = (name: string): string => name.trim().toLowerCase();

test('the real corpus holds Zoom exports, a Teams sample, podcast captions and diariser output (named and raw SPEAKER_xx)', () => {
  const names = Object.keys(EXPECTED);
  assert.ok(names.filter((n) => n.startsWith('zoom-')).length >= 4, 'several Zoom exports');
  assert.ok(names.some((n) => n.startsWith('podcast-')), 'a podcast SRT');
  assert.ok(names.some((n) => n.startsWith('diarised-')), 'diariser output');
  assert.ok(names.some((n) => n.startsWith('diarised-') && EXPECTED[n].speakers.every((s) => /^SPEAKER_\d+$/.test(s))), 'raw diariser output with SPEAKER_xx labels');
  assert.ok(names.some((n) => n.startsWith('teams-')), 'a Teams voice-span file with unpadded times');
});

for (const [name, want] of Object.entries(EXPECTED)) {
  test(`real transcript ${name}: ${want.cues} cues, ${want.speakers.length} speakers, words per speaker`, () => {
    const path = fileURLToPath(new URL(name, DIR));
    // --me is the first speaker, so that the import assigns sides without asking.
    const got = loadTranscript(path, { me: want.speakers[0] });
    assert.equal(got.format, want.format);
    assert.deepEqual(got.speakers, want.speakers);
    assert.equal(got.utterances.length, want.cues);
    const words = new Map<string, number>();
    for (const u of got.utterances) {
      const k = key(u.speaker ?? '');
      words.set(k, (words.get(k) ?? 0) + u.text.split(/\s+/).filter(Boolean).length);
    }
    assert.deepEqual(Object.fromEntries(words), Object.fromEntries(Object.entries(want.words).map(([s, n]) => [key(s), n])));
  });
}
