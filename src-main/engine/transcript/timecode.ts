// Timestamps in subtitle files. Two readers:
// - `webvttTimestamp`: the W3C "collect a WebVTT timestamp" steps, exactly
//   ("mm:ss.ttt" or "hh+:mm:ss.ttt", two-digit minutes and seconds, three
//   fraction digits).
// - `lenientTimestamp`: what real exporters write besides that, read when the
//   strict form fails: unpadded fields ("0:0:5.320", Teams / Graph), "1:03.100",
//   plain seconds ("12.700", diarisers), a comma as the decimal mark (SRT),
//   any number of fraction digits, or none after an "h:m:s" or "m:ss" clock.
// Both return seconds, or null.

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

function digitsAt(s: string, from: number): string {
  let i = from;
  while (isDigit(s[i])) i++;
  return s.slice(from, i);
}

/** W3C WebVTT timestamp at `s[from]`: seconds and the index after it, or null. */
export function webvttTimestamp(s: string, from = 0): { sec: number; next: number } | null {
  let pos = from;
  let hoursFirst = false;
  const d1 = digitsAt(s, pos);
  if (d1 === '') return null;
  pos += d1.length;
  let v1 = Number(d1);
  if (d1.length !== 2 || v1 > 59) hoursFirst = true;
  if (s[pos] !== ':') return null;
  pos++;
  const d2 = digitsAt(s, pos);
  if (d2.length !== 2) return null;
  pos += d2.length;
  let v2 = Number(d2);
  let v3: number;
  if (hoursFirst || s[pos] === ':') {
    if (s[pos] !== ':') return null;
    pos++;
    const d3 = digitsAt(s, pos);
    if (d3.length !== 2) return null;
    pos += 2;
    v3 = Number(d3);
  } else {
    v3 = v2;
    v2 = v1;
    v1 = 0;
  }
  if (s[pos] !== '.') return null;
  pos++;
  const d4 = digitsAt(s, pos);
  if (d4.length !== 3) return null;
  pos += 3;
  if (v2 > 59 || v3 > 59) return null;
  return { sec: v1 * 3600 + v2 * 60 + v3 + Number(d4) / 1000, next: pos };
}

// Linear: each group is anchored by a literal ":" or decimal mark, so no two
// quantifiers compete for the same characters.
const LENIENT = /^(?:(\d{1,9}):)?(?:(\d{1,9}):)?(\d{1,9})(?:[.,](\d{1,9}))?$/;

/** A lenient timestamp (the whole of `s`), or null. See the header for the forms. */
export function lenientTimestamp(s: string): number | null {
  const m = LENIENT.exec(s);
  if (!m) return null;
  const [, a, b, c, frac] = m;
  // A bare integer ("12") is too likely to be something else.
  if (a === undefined && frac === undefined) return null;
  const fraction = frac === undefined ? 0 : Number(`0.${frac}`);
  const sec = Number(c);
  if (a === undefined) return sec + fraction; // plain seconds
  if (sec > 59) return null;
  if (b === undefined) return Number(a) * 60 + sec + fraction; // m:ss
  if (Number(b) > 59) return null;
  return Number(a) * 3600 + Number(b) * 60 + sec + fraction; // h:m:s
}

/** One timestamp read strictly or leniently, with which it was. */
export interface ReadTimestamp {
  sec: number;
  lenient: boolean;
}

export function readTimestamp(token: string): ReadTimestamp | null {
  const strict = webvttTimestamp(token);
  if (strict && strict.next === token.length) return { sec: strict.sec, lenient: false };
  const sec = lenientTimestamp(token);
  return sec === null ? null : { sec, lenient: true };
}
