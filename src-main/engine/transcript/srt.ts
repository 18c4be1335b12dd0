// SubRip (.srt): blocks of an index line, a timing line "hh:mm:ss,ttt -->
// hh:mm:ss,ttt" and text lines, separated by blank lines. Read as forgivingly
// as subtitle players do: a missing index, "." instead of ",", lenient
// times (noted), white space on blank lines, cues not separated by a blank
// line. A cue whose timing line is malformed is skipped and logged, with its
// text; text with no timing line before it is skipped and logged too.
import { cueSpeakerAndText } from './cue-text';
import { fmtSec } from './errors';
import { ImportLog } from './import-log';
import { feedText, type LineParser } from './lines';
import { clip, readTimingLine } from './webvtt-parser';
import type { RawCue } from './types';

/** SubRip's own form (either decimal mark); anything else read is lenient. */
const SRT_TIME = /^\d{2,}:[0-5]\d:[0-5]\d[,.]\d{3}$/;

interface OpenCue {
  line: number;
  start: number;
  end: number;
  text: string[];
}

export class SrtParser implements LineParser {
  private lineNo = 0;
  private cue: OpenCue | null = null;
  /** Inside a skipped block (bad timing or text without timing) until the next blank line. */
  private skipping = false;

  constructor(private readonly log: ImportLog, private readonly onCue: (c: RawCue) => void) {}

  push(line: string): void {
    this.lineNo++;
    const trimmed = line.trim();
    if (trimmed === '') {
      this.close();
      this.skipping = false;
      return;
    }
    if (line.includes('-->')) {
      // A number just above the timing line is the cue's index, not text of the previous cue.
      if (this.cue && this.cue.text.length > 0 && /^\d+$/.test(this.cue.text[this.cue.text.length - 1].trim())) this.cue.text.pop();
      this.close();
      this.skipping = false;
      this.timing(line);
      return;
    }
    if (this.cue) {
      this.cue.text.push(line);
      return;
    }
    if (this.skipping || /^\d+$/.test(trimmed)) return;
    this.skipping = true;
    this.log.skip({ line: this.lineNo, reason: `text with no cue timing line before it ("${clip(trimmed, 40)}")` });
  }

  end(): void {
    this.close();
  }

  private timing(line: string): void {
    const t = readTimingLine(line.replace(/,(?=\d)/g, '.'), true);
    if ('error' in t) {
      this.skipping = true;
      this.log.skip({ line: this.lineNo, reason: `malformed cue timing "${clip(line.trim(), 80)}"` });
      return;
    }
    if (t.end < t.start) {
      this.skipping = true;
      this.log.skip({ line: this.lineNo, reason: `the cue ends (${fmtSec(t.end)}) before it starts (${fmtSec(t.start)})` });
      return;
    }
    const [a, rest] = line.split('-->');
    const b = rest.trim().split(/[ \t]/)[0];
    if (!SRT_TIME.test(a.trim()) || !SRT_TIME.test(b)) this.log.lenient(this.lineNo, clip(line.trim(), 60));
    this.cue = { line: this.lineNo, start: t.start, end: t.end, text: [] };
  }

  private close(): void {
    const c = this.cue;
    this.cue = null;
    if (!c) return;
    const { speaker, text } = cueSpeakerAndText(c.text.join('\n'));
    if (text !== '') this.onCue({ speaker, start: c.start, end: c.end, text, line: c.line });
  }
}

export function parseSrt(text: string, log = new ImportLog()): RawCue[] {
  const cues: RawCue[] = [];
  feedText(text, new SrtParser(log, (c) => cues.push(c)));
  return cues;
}
