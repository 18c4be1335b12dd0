// The W3C layer alone (lenient: false) against every WPT file-parsing case
// (tests/fixtures/wpt-webvtt): exactly the cues the spec expects, ids and
// raw text included, with no deviation. Candor's own layer (lenient
// timings, skips, speakers) and its documented deviations are tested in
// wpt-file-parsing.test.ts.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import test from 'node:test';
import { CandorError } from '../../../src-main/contract/errors';
import { feedText } from '../../../src-main/engine/transcript/lines';
import { WebVttParser, type VttCue } from '../../../src-main/engine/transcript/webvtt-parser';

interface WptCue { id: string; start: number; end: number; text: string }
interface WptCase { title: string; outcome: 'cues' | 'error'; cues?: WptCue[] }

const DIR = new URL('../../fixtures/wpt-webvtt/', import.meta.url);
const CASES: Record<string, WptCase> = JSON.parse(readFileSync(new URL('expected.json', DIR), 'utf8'));

function strictCues(text: string, file: string): VttCue[] {
  const cues: VttCue[] = [];
  feedText(text, new WebVttParser({ lenient: false, file }, { cue: (c) => cues.push(c), skip: () => {} }));
  return cues;
}

for (const [name, c] of Object.entries(CASES)) {
  test(`W3C layer, wpt ${name}: ${c.title}`, () => {
    const text = readFileSync(new URL(`cases/${name}.vtt`, DIR), 'utf8');
    if (c.outcome === 'error') {
      assert.throws(() => strictCues(text, `${name}.vtt`), (e: unknown) => e instanceof CandorError && e.message.startsWith(`${name}.vtt:1: `));
      return;
    }
    const got = strictCues(text, `${name}.vtt`).map((x) => ({ id: x.id, start: Math.round(x.start * 1000), end: Math.round(x.end * 1000), text: x.text }));
    const want = (c.cues ?? []).map((x) => ({ id: x.id, start: Math.round(x.start * 1000), end: Math.round(x.end * 1000), text: x.text }));
    assert.deepEqual(got, want);
  });
}
