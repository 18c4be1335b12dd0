// The W3C WebVTT parser algorithm (https://w3c.github.io/webvtt/#file-parsing),
// fed one line at a time so a file of any size is parsed in bounded memory.
//
// Hand-written rather than the kept `webvtt-parser` package because Candor
// needs three things that library does not give: the line number of every
// cue and of every skipped one (errors and notes point at lines), streaming
// (it takes the whole file as one string; a million-cue file must not), and
// a lenient second reading of timing lines that real exporters write
// (`lenient` below). With `lenient: false` this follows the spec's steps: the
// signature, the header block, "collect a WebVTT block" with its line count,
// seen-arrow and rewind rules, STYLE and REGION blocks before the first cue,
// and "collect WebVTT cue timings and settings". Cue settings, stylesheets
// and regions are recognised (so their blocks are not cues) but not kept:
// Candor does not lay out captions.
import { transcriptError } from './errors';
import { readTimestamp, webvttTimestamp } from './timecode';

export interface VttCue {
  id: string;
  start: number;
  end: number;
  /** The cue text as the spec gives it: lines joined by "\n", markup kept. */
  text: string;
  /** The cue settings after the end time (unparsed). */
  settings: string;
  /** 1-based line of the timing line. */
  line: number;
  /** The timing line (clipped) when the lenient reader read it, not the spec's; else null. */
  lenientTiming: string | null;
}

export interface VttSkip {
  line: number;
  reason: string;
}

export interface VttSink {
  cue(cue: VttCue): void;
  skip(skip: VttSkip): void;
}

export interface WebVttOptions {
  /** Read timing lines the spec rejects but exporters write ("0:0:5.32", "12.7", commas). */
  lenient: boolean;
  /** Name used in errors. */
  file: string;
}

/** ASCII whitespace as the spec's "skip whitespace" (LF and CR cannot occur inside a line). */
const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\f' || c === '\n' || c === '\r';

function skipSpace(s: string, i: number): number {
  while (isSpace(s[i])) i++;
  return i;
}

export type TimingResult = { start: number; end: number; settings: string; lenient: boolean } | { error: string };

/** "collect WebVTT cue timings and settings", then (if allowed) the lenient reading. */
export function readTimingLine(line: string, lenient: boolean): TimingResult {
  let i = skipSpace(line, 0);
  const a = webvttTimestamp(line, i);
  if (a) {
    i = skipSpace(line, a.next);
    if (line.startsWith('-->', i)) {
      i = skipSpace(line, i + 3);
      const b = webvttTimestamp(line, i);
      if (b) return { start: a.sec, end: b.sec, settings: line.slice(b.next).trim(), lenient: false };
    }
  }
  if (lenient) {
    const arrow = line.indexOf('-->');
    const startTok = line.slice(0, arrow).trim();
    const rest = line.slice(arrow + 3).trimStart();
    const space = rest.search(/[ \t\f]/);
    const endTok = space < 0 ? rest : rest.slice(0, space);
    const s = readTimestamp(startTok);
    const e = readTimestamp(endTok);
    if (s && e) return { start: s.sec, end: e.sec, settings: space < 0 ? '' : rest.slice(space).trim(), lenient: true };
  }
  return { error: `malformed cue timing "${clip(line, 80)}"` };
}

export function clip(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n)}…` : s;
}

const STYLE_OR_REGION = /^(?:STYLE|REGION)[ \t\f]*$/;
const NOTE = /^NOTE(?:[ \t]|$)/;

interface Block {
  inHeader: boolean;
  lineCount: number;
  buffer: string;
  seenArrow: boolean;
  firstLine: number;
  cue: Omit<VttCue, 'text'> | null;
  failed: VttSkip | null;
  styleOrRegion: boolean;
}

export class WebVttParser {
  private lineNo = 0;
  private stage: 'signature' | 'afterSignature' | 'blocks' = 'signature';
  private seenCue = false;
  private block: Block | null = null;

  constructor(private readonly opts: WebVttOptions, private readonly sink: VttSink) {}

  /** One line of the file, without its line terminator. */
  push(raw: string): void {
    this.lineNo++;
    const line = raw.includes('\0') ? raw.replaceAll('\0', '\uFFFD') : raw;
    if (this.stage === 'signature') {
      if (!(line.startsWith('WEBVTT') && (line.length === 6 || line[6] === ' ' || line[6] === '\t'))) {
        throw transcriptError(this.opts.file, this.lineNo, 'a WebVTT file must start with "WEBVTT"', 'Is this an SRT file? Give it the .srt extension.');
      }
      this.stage = 'afterSignature';
      return;
    }
    if (this.stage === 'afterSignature') {
      this.stage = 'blocks';
      if (line !== '') this.feed(line, true);
      return;
    }
    this.feed(line, false);
  }

  /** The end of the file. */
  end(): void {
    if (this.stage === 'signature') {
      throw transcriptError(this.opts.file, 1, 'a WebVTT file must start with "WEBVTT"', 'The file is empty.');
    }
    if (this.block) this.finish();
  }

  private feed(line: string, inHeader: boolean): void {
    if (!this.block) {
      if (line === '') return; // "collect a sequence of code points that are U+000A LF"
      this.block = { inHeader, lineCount: 0, buffer: '', seenArrow: false, firstLine: this.lineNo, cue: null, failed: null, styleOrRegion: false };
    }
    const b = this.block;
    b.lineCount++;
    if (line.includes('-->')) {
      if (!b.inHeader && (b.lineCount === 1 || (b.lineCount === 2 && !b.seenArrow))) {
        b.seenArrow = true;
        const t = readTimingLine(line, this.opts.lenient);
        if ('error' in t) {
          b.cue = null;
          b.failed = { line: this.lineNo, reason: t.error };
        } else {
          b.cue = { id: b.buffer, start: t.start, end: t.end, settings: t.settings, line: this.lineNo, lenientTiming: t.lenient ? clip(line.trim(), 60) : null };
          b.failed = null;
          b.buffer = '';
          this.seenCue = true;
        }
        return;
      }
      // Rewind: this line starts the next block.
      this.finish();
      this.feed(line, false);
      return;
    }
    if (line === '') {
      this.finish();
      return;
    }
    if (!b.inHeader && b.lineCount === 2 && !this.seenCue && STYLE_OR_REGION.test(b.buffer)) {
      b.styleOrRegion = true;
      b.buffer = '';
    }
    // Only a cue's text, and a first line (a possible cue id, STYLE, REGION
    // or NOTE), are ever read back: other lines of other blocks are not kept,
    // so a huge comment or garbage block costs no memory.
    if (b.cue || b.lineCount === 1) b.buffer = b.buffer === '' ? line : `${b.buffer}\n${line}`;
  }

  private finish(): void {
    const b = this.block;
    this.block = null;
    if (!b) return;
    const c = b.cue;
    if (c) {
      this.sink.cue({ id: c.id, start: c.start, end: c.end, text: b.buffer, settings: c.settings, line: c.line, lenientTiming: c.lenientTiming });
      return;
    }
    if (b.failed) {
      this.sink.skip(b.failed);
      return;
    }
    // A block with no timing line after the first cue is text the spec
    // drops. Before the first cue such blocks are the header, STYLE (whose
    // CSS may hold blank lines) and REGION; NOTE blocks are comments.
    if (!b.inHeader && !b.styleOrRegion && this.seenCue && !NOTE.test(b.buffer)) {
      this.sink.skip({ line: b.firstLine, reason: `text with no cue timing line before it ("${clip(b.buffer.split('\n')[0], 40)}")` });
    }
  }
}
