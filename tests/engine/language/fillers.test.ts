// Filler words: every rule of fillers.ts, filler uses and non-filler uses.
import assert from 'node:assert/strict';
import test from 'node:test';
import { findFillers } from '../../../src-main/engine/language/fillers';
import { countWords, tokenize } from '../../../src-main/engine/language/tokenize';

const fillers = (text: string): string[] => findFillers(tokenize(text)).map((f) => f.word);

const CASES: [string, string[]][] = [
  // hesitations, any spelling; back-channels are not fillers
  ['Um, I think uh we could, er, try. Hmm. Ah well. Mm.', ['um', 'uh', 'er', 'hmm', 'ah', 'mm']],
  ['Ummm, uhh, erm, hm, mmm', ['um', 'uh', 'er', 'hmm', 'mm']],
  ['Mm-hmm. Uh-huh. Mhm.', []],
  // like
  ['I like it.', []],
  ['It looks like rain, like I said.', []],
  ['It was, like, huge.', ['like']],
  ['Like, we tried everything.', ['like']],
  ['It was like like totally broken.', ['like']],
  ['We would like to start.', []],
  ['It was um like huge', ['um']],
  ['It costs, like, um, a lot.', ['like', 'um']],
  // you know
  ['It was, you know, hard.', ['you know']],
  ["You know, we tried. It's hard, you know?", ['you know', 'you know']],
  ['Do you know the price?', []],
  ['You know him.', []],
  ['You know what I mean.', []],
  ['As you know, we ship monthly.', []],
  ['Now you know.', []],
  ['I want to know what you know.', []],
  // I mean
  ["I mean, it's fine.", ['i mean']],
  ['It is fine, I mean.', ['i mean']],
  ['What I mean is simple.', []],
  ['I mean it.', []],
  ['I mean that.', []],
  ['I mean we could try again.', ['i mean']],
  // kind of / sort of
  ['What kind of car do you drive?', []],
  ['I kind of agree.', ['kind of']],
  ["It's sort of expensive.", ['sort of']],
  ['That is a sort of tool.', []],
  ['This kind of thing happens.', []],
  ["That's kind of the point.", ['kind of']],
  ['Kind of.', ['kind of']],
  // basically, actually, literally
  ['Basically we need two seats.', ['basically']],
  ['What actually happened?', []],
  ['It literally broke.', []],
  ['It broke, literally.', ['literally']],
  ['Actually, that works.', ['actually']],
  ['They, actually, agreed.', ['actually']],
  // so
  ['So we tried again.', ['so']],
  ['So, the plan is simple.', ['so']],
  ['So what do you think?', ['so']],
  ['So good to see you.', []],
  ['So that we can ship.', []],
  ["So that's the plan.", ['so']],
  ['We could start Monday, so.', ['so']],
  ["We can't, so we won't.", []],
  ['It was so good.', []],
  ['So far so good.', []],
  ['Um so we tried.', ['um', 'so']],
];

for (const [text, expected] of CASES) {
  test(`fillers in "${text}"`, () => assert.deepEqual(fillers(text), expected));
}

test('curly apostrophes and case do not matter', () => {
  assert.deepEqual(fillers('That’s KIND OF the point, YOU KNOW.'), ['kind of', 'you know']);
});

test('a filler hit spans the right tokens', () => {
  const t = tokenize('Well, you know, it is');
  assert.deepEqual(findFillers(t), [{ word: 'you know', index: 1, length: 2 }]);
});

test('words: hyphenated and contracted words count once', () => {
  assert.equal(countWords("Let's follow-up on the 3 items, mm-hmm."), 7);
  assert.equal(countWords(''), 0);
});
