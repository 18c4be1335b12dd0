// Varied English for the synthetic history: a Zipf-distributed vocabulary
// (common conversational words first, then the ~7,000 English words of the
// VADER sentiment lexicon that ships with the vader-sentiment dependency as
// a long tail), a few stock phrases, and one planted rare word. Word
// frequencies are what make full-text search realistic: "the" is in every
// call, a tail word in a few.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { firstIndexFrom } from '../../src-main/contract/sorted-search';
import type { Rng } from '../../tests/support/rng';

const COMMON = `the i you and to a that it of we is in so what this for on have be do know just like yeah think not with but
are can was they if about it's we're that's okay right at there all one get would our go or your me as an will my going
from how so well need really mean time want more out then up some they're people by when also sure now which here see
good because let's no other let them could maybe any make us work week next call team thing things those through kind
lot where should these been first over two much back get still very last into did new look yes were already data
client product customer price pricing budget quarter plan deal contract renewal meeting follow update project timeline
number numbers report sales market feature features issue issues question questions email send share review today
tomorrow monday friday month year launch design roadmap team's support account demo trial cost costs value process
approval legal security integration onboarding decision board manager director engineer engineers migration release
agree sounds great perfect exactly actually probably definitely basically honestly absolutely`.split(/\s+/).filter(Boolean);

/** Phrases dropped into sentences now and then, so that phrase search has real adjacent words. */
const PHRASES = ['next week', 'follow up', 'sounds good', 'the budget', 'I think', 'end of the quarter', 'by Friday', 'the renewal', 'makes sense', 'on the call'];

/** The planted rare word: in about one call in 2,000. */
export const RARE_WORD = 'zeppelin';

function lexiconWords(): string[] {
  const require = createRequire(import.meta.url);
  const path = require.resolve('vader-sentiment/vader_lexicon.txt');
  const seen = new Set(COMMON);
  const out: string[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const w = line.split('\t')[0];
    if (/^[a-z]{3,}$/.test(w) && !seen.has(w) && w !== RARE_WORD) {
      seen.add(w);
      out.push(w);
    }
  }
  return out;
}

export class WordSource {
  private readonly words: string[];
  private readonly cdf: Float64Array;

  constructor() {
    this.words = [...COMMON, ...lexiconWords()];
    this.cdf = new Float64Array(this.words.length);
    let sum = 0;
    for (let i = 0; i < this.words.length; i++) this.cdf[i] = sum += 1 / (i + 1); // Zipf, s = 1
    for (let i = 0; i < this.cdf.length; i++) this.cdf[i] /= sum;
  }

  get vocabularySize(): number {
    return this.words.length;
  }

  word(r: Rng): string {
    const x = r();
    return this.words[Math.min(firstIndexFrom(this.cdf, (c) => c >= x), this.cdf.length - 1)];
  }

  /** A sentence of about `n` words; `rare` plants the rare word. */
  sentence(r: Rng, n: number, rare = false): string {
    const out: string[] = [];
    while (out.length < n) {
      if (r() < 0.04) out.push(...PHRASES[Math.floor(r() * PHRASES.length)].split(' '));
      else out.push(this.word(r));
    }
    if (rare) out.splice(Math.floor(r() * out.length), 0, RARE_WORD);
    out[0] = out[0][0].toUpperCase() + out[0].slice(1);
    return `${out.join(' ')}${r() < 0.15 ? '?' : '.'}`;
  }
}
