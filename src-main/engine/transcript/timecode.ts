// Timestamps in subtitle files: WebVTT "hh:mm:ss.ttt" or "mm:ss.ttt", SRT
// "hh:mm:ss,ttt". Returns seconds, or null for anything else.

const TIMECODE = /^(?:(\d+):)?([0-5]\d):([0-5]\d)[.,](\d{1,3})$/;

export function parseTimecode(s: string): number | null {
  const m = TIMECODE.exec(s.trim());
  if (!m) return null;
  const h = m[1] === undefined ? 0 : Number(m[1]);
  const frac = Number(m[4].padEnd(3, '0')) / 1000;
  return h * 3600 + Number(m[2]) * 60 + Number(m[3]) + frac;
}

/** "00:01:02.500 --> 00:01:04.000 align:start" -> [62.5, 64] or null. */
export function parseTimingLine(line: string): [number, number] | null {
  const m = /^\s*(\S+)\s+-->\s+(\S+)(?:\s+.*)?$/.exec(line);
  if (!m) return null;
  const start = parseTimecode(m[1]);
  const end = parseTimecode(m[2]);
  return start === null || end === null ? null : [start, end];
}
