// Which parser reads a file: by extension, else by its first lines. Line
// checks, not a regex over the text (the old /^\d+\s*\r?\n\s*\S+\s+-->/ let
// two `\s*` compete for the same blank lines: quadratic on hostile input).
import { extname } from 'node:path';
import { transcriptError } from './errors';
import type { LineParser } from './lines';
import type { TranscriptFormat } from './types';

const BY_EXTENSION: Record<string, TranscriptFormat> = { '.vtt': 'vtt', '.srt': 'srt', '.jsonl': 'jsonl', '.ndjson': 'jsonl' };

/** Lines looked at before giving up on the content. */
export const SNIFF_MAX_LINES = 1000;

export function formatByExtension(fileName: string): TranscriptFormat | null {
  return BY_EXTENSION[extname(fileName).toLowerCase()] ?? null;
}

/** The format from the first non-blank lines (at most two are needed); null: undecided yet; 'unknown': none. */
export function formatFromLines(nonBlank: readonly string[]): TranscriptFormat | 'unknown' | null {
  const first = nonBlank[0];
  if (first === undefined) return null;
  const head = first.trimStart();
  if (head.startsWith('WEBVTT')) return 'vtt';
  if (head.startsWith('{')) return 'jsonl';
  if (head.includes('-->')) return 'srt';
  if (!/^\d+$/.test(head.trim())) return 'unknown';
  const second = nonBlank[1];
  if (second === undefined) return null;
  return second.includes('-->') ? 'srt' : 'unknown';
}

function unknownFormat(file: string, line: number): Error {
  return transcriptError(file, line, 'unknown transcript format',
    'Candor reads WebVTT (.vtt), SubRip (.srt) and JSON Lines (.jsonl) transcripts.');
}

/**
 * A line parser that holds the first lines until they tell the format, then
 * hands them and the rest to the parser `make` returns for it.
 */
export class FormatSniffer implements LineParser {
  private held: string[] = [];
  private nonBlank: string[] = [];
  private parser: LineParser | null = null;
  format: TranscriptFormat | null = null;

  constructor(private readonly file: string, private readonly make: (f: TranscriptFormat) => LineParser) {}

  push(line: string): void {
    if (this.parser) {
      this.parser.push(line);
      return;
    }
    this.held.push(line);
    if (line.trim() !== '') this.nonBlank.push(line);
    const f = formatFromLines(this.nonBlank);
    if (f === 'unknown' || (f === null && this.held.length >= SNIFF_MAX_LINES)) throw unknownFormat(this.file, this.held.length);
    if (f !== null) this.start(f);
  }

  end(): void {
    if (!this.parser) {
      const f = formatFromLines(this.nonBlank);
      if (f === null || f === 'unknown') throw unknownFormat(this.file, Math.max(1, this.held.length));
      this.start(f);
    }
    this.parser!.end();
  }

  private start(f: TranscriptFormat): void {
    this.format = f;
    this.parser = this.make(f);
    const held = this.held;
    this.held = [];
    for (const l of held) this.parser.push(l);
  }
}
