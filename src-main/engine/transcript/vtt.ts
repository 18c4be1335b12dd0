// WebVTT (Zoom and Teams exports). Blocks are separated by blank lines; a cue
// is an optional identifier line, a timing line and payload lines. NOTE,
// STYLE and REGION blocks are skipped. Speakers come from <v Name> spans
// (Teams) or a "Name: " prefix (Zoom).
import { cueSpeakerAndText } from './cue-text';
import { fmtSec, splitLines, transcriptError } from './errors';
import { parseTimingLine } from './timecode';
import type { RawCue } from './types';

const TIMING_HINT = 'A cue timing line looks like "00:01:02.500 --> 00:01:04.000".';

export function parseVtt(text: string, file = 'transcript.vtt'): RawCue[] {
  const lines = splitLines(text);
  if (!/^WEBVTT(?:[ \t].*)?$/.test(lines[0] ?? '')) {
    throw transcriptError(file, 1, 'a WebVTT file must start with "WEBVTT"', 'Is this an SRT file? Give it the .srt extension.');
  }
  const cues: RawCue[] = [];
  let i = 1;
  // The header block runs to the first blank line.
  while (i < lines.length && lines[i].trim() !== '') i++;
  while (i < lines.length) {
    while (i < lines.length && lines[i].trim() === '') i++;
    if (i >= lines.length) break;
    const blockStart = i;
    const block: string[] = [];
    while (i < lines.length && lines[i].trim() !== '') block.push(lines[i++]);
    if (/^(NOTE|STYLE|REGION)(?:[ \t]|$)/.test(block[0])) continue;
    // The timing line is the first line, or the second after a cue identifier.
    const t = block[0].includes('-->') ? 0 : 1;
    const timingLine = blockStart + t + 1;
    if (t === 1 && (block.length < 2 || !block[1].includes('-->'))) {
      throw transcriptError(file, blockStart + 1, `expected a cue timing line but found "${block[0].slice(0, 60)}"`, TIMING_HINT);
    }
    const times = parseTimingLine(block[t]);
    if (!times) throw transcriptError(file, timingLine, `malformed cue timing "${block[t].slice(0, 80)}"`, TIMING_HINT);
    const [start, end] = times;
    if (end < start) throw transcriptError(file, timingLine, `cue ends (${fmtSec(end)}) before it starts (${fmtSec(start)})`);
    const payload = block.slice(t + 1).join('\n');
    const { speaker, text: body } = cueSpeakerAndText(payload);
    if (body === '') continue;
    cues.push({ speaker, start, end, text: body, line: timingLine });
  }
  return cues;
}
