// Text to lines, for the line-fed parsers: CR LF, CR and LF all end a line
// (the WebVTT parser's first step), a byte-order mark at the start is
// dropped. Streamed: text arrives in pieces of any size, and only the
// unfinished last line is held.

export class LineSplitter {
  private rest = '';
  private started = false;
  /** The previous piece ended with CR: an LF at the start of the next one belongs to it. */
  private afterCr = false;

  constructor(private readonly onLine: (line: string) => void) {}

  write(piece: string): void {
    let s = piece;
    if (!this.started && s.length > 0) {
      this.started = true;
      if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
    }
    let from = 0;
    if (this.afterCr && s.startsWith('\n')) from = 1;
    this.afterCr = false;
    for (let i = from; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c !== 10 && c !== 13) continue;
      this.onLine(this.rest + s.slice(from, i));
      this.rest = '';
      if (c === 13) {
        if (i + 1 === s.length) this.afterCr = true;
        else if (s.charCodeAt(i + 1) === 10) i++;
      }
      from = i + 1;
    }
    this.rest += s.slice(from);
  }

  /** The end of the text: an unfinished last line is a line. */
  end(): void {
    if (this.rest !== '') this.onLine(this.rest);
    this.rest = '';
  }
}

/** Splits a whole text into lines the same way (a final line ending gives no empty last line). */
export function splitLines(text: string): string[] {
  const lines: string[] = [];
  const splitter = new LineSplitter((l) => lines.push(l));
  splitter.write(text);
  splitter.end();
  return lines;
}

/** Anything that takes a file one line at a time. */
export interface LineParser {
  push(line: string): void;
  end(): void;
}

export function feedText(text: string, parser: LineParser): void {
  const splitter = new LineSplitter((l) => parser.push(l));
  splitter.write(text);
  splitter.end();
  parser.end();
}
