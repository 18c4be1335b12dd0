import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cueSpeakerAndText, decodeEntities, sentenceReason, speakerPrefix, stripTags, voiceName } from '../../../src-main/engine/transcript/cue-text';

// Hostile inputs from issue 14 (items 1 and 2). Before the fix the first took
// ~69 s and the second >20 s; a linear scan takes milliseconds. The bound is
// generous so a loaded CI machine does not flake, yet far below the old times.
const BOUND_MS = 2000;

function timed<T>(f: () => T): { value: T; ms: number } {
  const t0 = performance.now();
  const value = f();
  return { value, ms: performance.now() - t0 };
}

test('voice span "<v" + ".a" x34 (exponential before) parses within the bound', () => {
  const payload = '<v' + '.a'.repeat(34) + '\n' + 'x'.repeat(40);
  const { value, ms } = timed(() => cueSpeakerAndText(payload));
  assert.equal(value.speaker, null);
  assert.ok(ms < BOUND_MS, `took ${ms.toFixed(0)} ms`);
  const longer = '<v' + '.a'.repeat(5000);
  assert.ok(timed(() => voiceName(longer)).ms < BOUND_MS);
});

test('1 MB of unclosed "<" strips within the bound and keeps the text', () => {
  const s = '<'.repeat(1_000_000);
  const { value, ms } = timed(() => stripTags(s));
  assert.equal(value.length, 1_000_000);
  assert.ok(ms < BOUND_MS, `took ${ms.toFixed(0)} ms`);
  const vs = '<v.'.repeat(300_000) + ' >';
  assert.ok(timed(() => voiceName(vs)).ms < BOUND_MS);
  const vx = '<vx'.repeat(300_000) + '>';
  assert.ok(timed(() => voiceName(vx)).ms < BOUND_MS);
});

test('stripTags and voiceName keep their meaning', () => {
  assert.equal(stripTags('<v Jane>Hello <i>there</i></v>'), 'Hello there');
  assert.equal(stripTags('a < b and c'), 'a < b and c');
  assert.equal(stripTags('<00:00:01.000>x &amp; y'), 'x & y');
  assert.equal(voiceName('<v Jane Doe>hi</v>'), 'Jane Doe');
  assert.equal(voiceName('<v.loud.x Joe>hi'), 'Joe');
  assert.equal(voiceName('<v.loud>hi'), null);
  assert.equal(voiceName('<vx Joe>hi'), null);
  assert.equal(voiceName('<c>a</c><v Doe, Jane &amp; Co>hi'), 'Doe, Jane & Co');
  assert.equal(voiceName('<v.a<v Joe>hi'), 'Joe');
});

test('Zoom "Name: text": any display name before the first ": "', () => {
  const names = ['Karim T. (matkt)', 'Saulius Grigaitis | Grandine', 'Z. Victor Zhou (xinbenlv)', 'ana@example.com', '@ana', 'user 42',
    'José Ñúñez', 'matkt', 'Doe, Jane', 'Martin Luther King Jr.', '[Host] Ana', 'Dr. Ana María de la Cruz'];
  for (const n of names) assert.deepEqual(speakerPrefix(`${n}: hello there`), { speaker: n, text: 'hello there' }, n);
  assert.deepEqual(cueSpeakerAndText('Karim T. (matkt): well: maybe'), { speaker: 'Karim T. (matkt)', text: 'well: maybe' });
});

test('a prefix that is clearly a sentence is not a name', () => {
  const sentences = [
    'one two three four five six seven eight nine ten eleven twelve', // 12 words
    'It is 3:30 now. Really', // "now." ends a clause
    'Wait? No', 'Stop; then', 'So the plan is', 'and what I mean', 'Here is the thing',
  ];
  for (const s of sentences) assert.equal(speakerPrefix(`${s}: the rest`), null, s);
  assert.equal(sentenceReason('one two three four five six seven eight nine ten eleven twelve'), '12 words');
  assert.equal(sentenceReason('It is 3:30 now. Really'), '"is" reads as a sentence');
  assert.equal(sentenceReason('yes now. Really'), '"now." ends a clause');
  assert.equal(speakerPrefix('no colon here'), null);
  assert.equal(speakerPrefix('at 3:30 we meet'), null);
  assert.equal(speakerPrefix(': empty name'), null);
});

test('entities: named and numeric references decode; unknown ones stay', () => {
  assert.equal(decodeEntities('a &amp; b &#233; &#xE9; &hellip; &bogus; &#0;'), 'a & b é é … &bogus; &#0;');
  assert.equal(voiceName('<v Ren&#233;e O&apos;Neil>hi'), "Renée O'Neil");
  assert.equal(voiceName('<v.loud Doe, Jane>hi'), 'Doe, Jane');
});

test('caption labels "[Name] text" name the speaker; sound descriptions do not', () => {
  assert.deepEqual(cueSpeakerAndText('[Grant Sanderson] if i think of'), { speaker: 'Grant Sanderson', text: 'if i think of' });
  assert.deepEqual(cueSpeakerAndText('[SPEAKER_01]: yes'), { speaker: 'SPEAKER_01', text: 'yes' });
  assert.deepEqual(cueSpeakerAndText('[Music] la la'), { speaker: null, text: '[Music] la la' });
  assert.deepEqual(cueSpeakerAndText('[Applause]'), { speaker: null, text: '[Applause]' });
  assert.deepEqual(cueSpeakerAndText('[sic]text'), { speaker: null, text: '[sic]text' });
  assert.deepEqual(cueSpeakerAndText('[so the plan is] go'), { speaker: null, text: '[so the plan is] go' });
});
