// Turns a cue's payload into plain text and a speaker name. Three shapes
// carry names: Teams writes WebVTT voice spans ("<v Jane Doe>text</v>"), Zoom
// (and many SRT exports) put "Jane Doe: text" at the start of the cue, and
// diarisers and podcast captions write "[Jane Doe] text".

const ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', nbsp: ' ', lrm: '', rlm: '', quot: '"', apos: "'",
  ndash: '\u2013', mdash: '\u2014', hellip: '\u2026', lsquo: '\u2018', rsquo: '\u2019', ldquo: '\u201C', rdquo: '\u201D',
};

/** Named (the common ones) and numeric character references; unknown ones stay as written. */
export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  // Bounded repeats and a literal ";" after them: linear.
  return s.replace(/&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z]{2,8}));/g, (e, dec?: string, hex?: string, name?: string) => {
    if (name !== undefined) return ENTITIES[name] ?? e;
    const cp = dec !== undefined ? Number(dec) : parseInt(hex!, 16);
    return cp > 0 && cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff) ? String.fromCodePoint(cp) : e;
  });
}

/**
 * Drops markup tags (<i>, <c.x>, <00:00:01.000>, </v>) and collapses white
 * space. A linear scan, not /<[^>]*>/g: that regex rescans the rest of the
 * text from every unclosed "<" (quadratic on hostile input). As the regex
 * did, an unclosed "<" is kept as text.
 */
export function stripTags(s: string): string {
  let out = '';
  let i = 0;
  while (i < s.length) {
    const open = s.indexOf('<', i);
    if (open < 0) { out += s.slice(i); break; }
    const close = s.indexOf('>', open + 1);
    if (close < 0) { out += s.slice(i); break; }
    out += s.slice(i, open);
    i = close + 1;
  }
  return decodeEntities(out).replace(/\s+/g, ' ').trim();
}

/** The first WebVTT voice span's name: "<v Jane Doe>" or "<v.loud Jane Doe>". */
export function voiceName(payload: string): string | null {
  // A scan over "<v" tags, not /<v(?:\.[^\s>]+)*\s+([^>]+)>/: its nested
  // quantifier backtracks exponentially on "<v.a.a.a...".
  // Each character is looked at a bounded number of times: a tag that names
  // no one is skipped whole (a later "<v" inside it would share its ">").
  let from = 0;
  for (;;) {
    const open = payload.indexOf('<v', from);
    if (open < 0) return null;
    const first = payload[open + 2] ?? '';
    if (first !== '.' && !/\s/.test(first)) { from = open + 2; continue; }
    const close = payload.indexOf('>', open + 2);
    if (close < 0) return null;
    const tag = payload.slice(open + 2, close); // ".loud Jane Doe" or " Jane Doe"
    const space = tag.search(/\s/);
    if (space >= 0) {
      const name = decodeEntities(tag.slice(space)).trim();
      if (name) return name;
    }
    from = close + 1;
  }
}

/** A "Name: " prefix longer than this many words is a sentence, not a name. */
export const MAX_NAME_WORDS = 10;
/** ...or longer than this many characters. */
export const MAX_NAME_CHARS = 80;

// Lower-case words that make a prefix a clause ("so the plan is: ...") and
// that display names practically never hold. Particles of names ("van",
// "de", "bin", "al") and prepositions ("Bank of Ireland") are not here.
const CLAUSE_WORDS = new Set([
  'the', 'a', 'an', 'is', 'are', 'was', 'were', 'am', 'be', 'been', 'and', 'but', 'so', 'because', 'that', 'this',
  'it', "it's", 'we', 'you', 'they', 'he', 'she', 'i', "i'm", 'said', 'says', 'say', 'think', 'thought', 'mean',
  'means', 'here', "here's", 'there', "there's", 'what', "what's", 'which', 'then', 'just', 'my', 'our', 'your',
]);

/** Why a "Name: " prefix reads as a sentence, or null when it can be a display name. */
export function sentenceReason(name: string): string | null {
  if (name.length > MAX_NAME_CHARS) return 'too long';
  const words = name.split(/\s+/);
  if (words.length > MAX_NAME_WORDS) return `${words.length} words`;
  if (!/[\p{L}\p{N}]/u.test(name)) return 'no letters';
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    // "?", "!" or ";" end a clause; so does "." after a lower-case word
    // ("now."), but not after an initial or a title ("T.", "Jr.", "Dr.").
    if (/[?!;]$/.test(w) && w.length > 1) return `"${w}" ends a clause`;
    if (/^\p{Ll}{2,}\.$/u.test(w)) return `"${w}" ends a clause`;
    if (words.length > 1 && CLAUSE_WORDS.has(w.replace(/,$/, ''))) return `"${w}" reads as a sentence`;
  }
  return null;
}

/**
 * A Zoom-style "Name: text" prefix: the text before the first ": " (a colon
 * then white space) is the speaker, whatever characters the display name
 * holds ("Karim T. (matkt)", "Saulius Grigaitis | Grandine", "@ana", "Doe,
 * Jane"), unless it reads as a sentence (see `sentenceReason`). "It's 3:30"
 * has no ": " so it is never split.
 */
export function speakerPrefix(text: string): { speaker: string; text: string } | null {
  const colon = text.search(/:\s/);
  if (colon <= 0) return null;
  const name = text.slice(0, colon).trim();
  if (name === '' || sentenceReason(name) !== null) return null;
  return { speaker: name, text: text.slice(colon + 1).trim() };
}

// Bracketed sound descriptions in captions, not speakers: "[Music] la la".
const SOUND_TAGS = new Set(['music', 'applause', 'laughter', 'laughs', 'laughing', 'inaudible', 'crosstalk', 'silence', 'noise',
  'background noise', 'cheering', 'unintelligible', 'no audio', 'blank_audio', 'sound', 'pause', 'coughs', 'sighs']);

/**
 * A caption-style "[Name] text" (or "[Name]: text") label, as diarisers and
 * podcast captions write it. Sound descriptions ("[Music]") and labels with
 * nothing after them are not speakers.
 */
export function bracketSpeaker(text: string): { speaker: string; text: string } | null {
  if (!text.startsWith('[')) return null;
  const close = text.indexOf(']');
  if (close < 0) return null;
  const name = text.slice(1, close).trim();
  const rest = text.slice(close + 1).replace(/^:/, '').trim();
  if (name === '' || rest === '' || !/^\s|^:/.test(text.slice(close + 1))) return null;
  if (SOUND_TAGS.has(name.toLowerCase()) || sentenceReason(name) !== null) return null;
  return { speaker: name, text: rest };
}

/** Speaker and plain text of a cue payload (multi-line text joined by spaces). */
export function cueSpeakerAndText(payload: string): { speaker: string | null; text: string } {
  const voice = voiceName(payload);
  const text = stripTags(payload);
  if (voice) return { speaker: voice, text };
  return bracketSpeaker(text) ?? speakerPrefix(text) ?? { speaker: null, text };
}
