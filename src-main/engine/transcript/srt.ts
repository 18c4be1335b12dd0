// SubRip (.srt): numbered blocks of "index", "hh:mm:ss,ttt --> hh:mm:ss,ttt"
// and text lines, separated by blank lines. Text may start with "Name: ".
import { cueSpeakerAndText } from './cue-text';
import { fmtSec, splitLines, transcriptError } from './errors';
import { parseTimingLine } from './timecode';
import type { RawCue } from './types';

export function parseSrt(text: string, file = 'transcript.srt'): RawCue[] {
  const lines = splitLines(text);
  const cues: RawCue[] = [];
  let i = 0;
  while (i < lines.length) {
    while (i < lines.length && lines[i].trim() === '') i++;
    if (i >= lines.length) break;
    const blockStart = i;
    const block: string[] = [];
    while (i < lines.length && lines[i].trim() !== '') block.push(lines[i++]);
    if (!/^\d+$/.test(block[0].trim())) {
      throw transcriptError(file, blockStart + 1, `expected a cue number but found "${block[0].slice(0, 60)}"`,
        'An SRT cue is a number line, a timing line "00:00:01,000 --> 00:00:02,500", text lines, then a blank line.');
    }
    const timingLine = blockStart + 2;
    const times = block.length > 1 ? parseTimingLine(block[1]) : null;
    if (!times) {
      throw transcriptError(file, timingLine, `malformed cue timing "${(block[1] ?? '').slice(0, 80)}"`,
        'A cue timing line looks like "00:01:02,500 --> 00:01:04,000".');
    }
    const [start, end] = times;
    if (end < start) throw transcriptError(file, timingLine, `cue ends (${fmtSec(end)}) before it starts (${fmtSec(start)})`);
    const { speaker, text: body } = cueSpeakerAndText(block.slice(2).join('\n'));
    if (body === '') continue;
    cues.push({ speaker, start, end, text: body, line: timingLine });
  }
  return cues;
}
