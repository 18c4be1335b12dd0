// Questions (METRICS.md): an utterance that ends with a question mark or
// opens with an interrogative/auxiliary pattern, so ASR text without "?"
// still counts. One utterance counts at most once.
//
// "Opens" is checked on the first and on the last sentence of the utterance
// ("Okay. What do you use today"), after skipping openers that carry no
// meaning (so, okay, well, and, but, um ...). The patterns:
//   - wh-word + auxiliary: "what is", "how do", "where did", "who's", "what're"
//   - fixed openers: "how many/much/long/often/come", "what about", "what if",
//     "how about", "which one", "what kind/sort of"
//   - auxiliary/modal + subject: "do you", "could you", "is there", "are we",
//     "have you", "would it", "can I", "did they" ...
// Not questions: wh-word + subject ("when we launched, ..."), exclamations
// ("what a day", "how nice"), imperatives ("do it now": "do" needs a person
// as subject).
import { hesitation } from './fillers';
import { tokenize, type Token } from './tokenize';

const WH = new Set(['what', 'how', 'why', 'when', 'where', 'who', 'which', 'whose', 'whom']);
const WH_CONTRACTED = /^(what|how|why|when|where|who)'(s|re|d|ll|ve)$/;
const AUX = new Set(['is', 'are', 'was', 'were', 'do', 'does', 'did', 'can', 'could', 'would', 'will', 'should', 'shall',
  'may', 'might', 'must', 'have', 'has', 'had', "isn't", "aren't", "wasn't", "weren't", "don't", "doesn't", "didn't",
  "can't", "couldn't", "wouldn't", "won't", "shouldn't", "haven't", "hasn't"]);
const SUBJECTS = new Set(['i', 'you', 'we', 'they', 'he', 'she', 'it', 'there', 'this', 'that', 'these', 'those',
  'anyone', 'anybody', 'someone', 'somebody', 'everyone', 'everybody', 'anything', 'something', 'your', 'our', 'their',
  'the', 'my', 'his', 'her', 'its', 'any', 'people', 'y\'all']);
/** "do"-family auxiliaries take only people as subject here, so "do it now" is not a question. */
const DO_SUBJECTS = new Set(['i', 'you', 'we', 'they', 'he', 'she', 'people', 'your', 'anyone', 'anybody', 'y\'all']);
const DO_FAMILY = new Set(['do', "don't"]);
const WH_OPENERS: Record<string, readonly string[]> = {
  how: ['many', 'much', 'long', 'often', 'come', 'about', 'soon', 'far', 'big', 'large', 'old'],
  what: ['about', 'if', 'kind', 'sort', 'else', 'happens', 'happened', 'made', 'makes'],
  which: ['one', 'ones', 'part', 'option', 'version', 'team', 'of'],
  who: ['else', 'owns', 'decides', 'makes', 'signs', 'handles'],
};
const SKIP = new Set(['so', 'okay', 'ok', 'well', 'and', 'but', 'alright', 'right', 'now', 'also', 'then', 'oh', 'yeah',
  'hey', 'sorry', 'great', 'cool', 'anyway', 'actually', 'basically', 'like', 'just']);

function opensWithQuestion(tokens: readonly Token[], from: number, to: number): boolean {
  let i = from;
  while (i < to && (SKIP.has(tokens[i].w) || hesitation(tokens[i].w) !== null)) i++;
  if (i >= to) return false;
  const a = tokens[i].w;
  const b = i + 1 < to ? tokens[i + 1].w : undefined;
  if (WH_CONTRACTED.test(a)) return true;
  if (WH.has(a)) return b !== undefined && (AUX.has(b) || (WH_OPENERS[a]?.includes(b) ?? false));
  if (AUX.has(a) && b !== undefined) return DO_FAMILY.has(a) ? DO_SUBJECTS.has(b) : SUBJECTS.has(b);
  return false;
}

/** [from, to) token ranges of the sentences in tokens. */
function sentences(tokens: readonly Token[]): [number, number][] {
  const out: [number, number][] = [];
  let start = 0;
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i].sentenceEnd) {
      out.push([start, i + 1]);
      start = i + 1;
    }
  }
  return out;
}

export function isQuestionTokens(text: string, tokens: readonly Token[]): boolean {
  if (/\?["')\]\s]*$/.test(text)) return true;
  const s = sentences(tokens);
  if (s.length === 0) return false;
  const first = s[0];
  const last = s[s.length - 1];
  return opensWithQuestion(tokens, first[0], first[1]) || (last !== first && opensWithQuestion(tokens, last[0], last[1]));
}

export function isQuestion(text: string): boolean {
  return isQuestionTokens(text, tokenize(text));
}
