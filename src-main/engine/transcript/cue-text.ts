// Turns a cue's payload into plain text and a speaker name. Two shapes carry
// names: Teams writes WebVTT voice spans ("<v Jane Doe>text</v>"), Zoom (and
// many SRT exports) put "Jane Doe: text" at the start of the cue.

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&nbsp;': ' ', '&lrm;': '', '&rlm;': '', '&quot;': '"', '&#39;': "'" };

export function decodeEntities(s: string): string {
  return s.replace(/&(?:amp|lt|gt|nbsp|lrm|rlm|quot|#39);/g, (e) => ENTITIES[e] ?? e);
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

/**
 * A "Name: text" prefix. The name is 1 to 6 words of at most 48 characters
 * with no sentence punctuation, so "Note: this" style sentences still parse
 * as a name only when they look like one; "It's 3:30 now" does not (the
 * colon is followed by a digit, not a space).
 */
export function speakerPrefix(text: string): { speaker: string; text: string } | null {
  const m = /^([^:.?!,;"<>\n]{1,48}?):\s+(.*)$/s.exec(text);
  if (!m) return null;
  const name = m[1].trim();
  if (!/^[\p{L}\p{N}]/u.test(name) || name.split(/\s+/).length > 6) return null;
  return { speaker: name, text: m[2].trim() };
}

/** Speaker and plain text of a cue payload (multi-line text joined by spaces). */
export function cueSpeakerAndText(payload: string): { speaker: string | null; text: string } {
  const voice = voiceName(payload);
  const text = stripTags(payload);
  if (voice) return { speaker: voice, text };
  const prefixed = speakerPrefix(text);
  return prefixed ?? { speaker: null, text };
}
