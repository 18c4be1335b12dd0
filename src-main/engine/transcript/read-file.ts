// Reads a transcript file as UTF-8 text in pieces, without holding the whole
// file: a million-cue export is read in bounded memory. Refuses what is not a
// regular file (a named pipe would block the read forever, a folder has no
// text) and text that is not UTF-8, naming the line and the encoding problem.
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { CandorError } from '../../contract/errors';
import { transcriptError } from './errors';
import { LineSplitter } from './lines';

export const READ_CHUNK_BYTES = 1 << 16;

const SAVE_AS_UTF8 = 'Save the transcript as UTF-8 (in most editors: "Save with encoding" > UTF-8) and try again.';

function kindOf(st: import('node:fs').Stats): string {
  if (st.isDirectory()) return 'a folder';
  if (st.isFIFO()) return 'a named pipe';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

/** Index of the first byte that breaks UTF-8 in `b` (b.length if none, or if it is only cut off at the end). */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    let n: number;
    if (c < 0x80) n = 0;
    else if (c >= 0xc2 && c <= 0xdf) n = 1;
    else if (c >= 0xe0 && c <= 0xef) n = 2;
    else if (c >= 0xf0 && c <= 0xf4) n = 3;
    else return i;
    for (let k = 1; k <= n; k++) {
      if (i + k >= b.length) return b.length;
      const d = b[i + k];
      if (d < 0x80 || d > 0xbf) return i;
      // Overlong three- and four-byte forms, surrogates and code points past U+10FFFF.
      if (k === 1 && ((c === 0xe0 && d < 0xa0) || (c === 0xed && d > 0x9f) || (c === 0xf0 && d < 0x90) || (c === 0xf4 && d > 0x8f))) return i;
    }
    i += n + 1;
  }
  return i;
}

function looksUtf16(b: Uint8Array): 'UTF-16LE' | 'UTF-16BE' | null {
  if (b[0] === 0xff && b[1] === 0xfe) return 'UTF-16LE';
  if (b[0] === 0xfe && b[1] === 0xff) return 'UTF-16BE';
  // No byte-order mark: ASCII text in UTF-16 has a zero byte in every pair.
  const n = Math.min(b.length, 64) & ~1;
  if (n < 8) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (b[i] === 0) evenZero++;
    if (b[i + 1] === 0) oddZero++;
  }
  if (oddZero === n / 2 && evenZero === 0) return 'UTF-16LE';
  if (evenZero === n / 2 && oddZero === 0) return 'UTF-16BE';
  return null;
}

/** Lines completed in `b` before `end` (CR LF, CR and LF each end one). */
function linesIn(b: Uint8Array, end: number): number {
  let n = 0;
  for (let i = 0; i < end; i++) {
    if (b[i] === 10) n++;
    else if (b[i] === 13 && b[i + 1] !== 10) n++;
  }
  return n;
}

/**
 * Calls `onLine` for each line of the file (1-based numbers are the order of
 * calls). Throws a CandorError for a missing, unreadable or non-regular file
 * and for text that is not UTF-8.
 */
export function readFileLines(path: string, onLine: (line: string) => void): void {
  let st;
  try {
    st = statSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new CandorError(code === 'ENOENT' ? 'FILE_NOT_FOUND' : 'TRANSCRIPT_INVALID',
      `cannot read the transcript ${path}: ${(err as Error).message}`, undefined, { cause: err });
  }
  if (!st.isFile()) {
    throw transcriptError(path, null, `${kindOf(st)}, not a transcript file`, 'Save the transcript to a file and pass the path of that file.');
  }
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (err) {
    throw new CandorError('TRANSCRIPT_INVALID', `cannot read the transcript ${path}: ${(err as Error).message}`, undefined, { cause: err });
  }
  let lines = 0;
  const splitter = new LineSplitter((l) => {
    lines++;
    onLine(l);
  });
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  const buf = new Uint8Array(READ_CHUNK_BYTES);
  let first = true;
  try {
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, null);
      const chunk = buf.subarray(0, n);
      if (first) {
        first = false;
        const utf16 = looksUtf16(chunk);
        if (utf16) throw transcriptError(path, 1, `the file is ${utf16} text, not UTF-8`, SAVE_AS_UTF8);
      }
      let text: string;
      try {
        text = decoder.decode(chunk, { stream: n > 0 });
      } catch {
        const at = Math.min(firstInvalidUtf8(chunk), Math.max(0, n - 1));
        const byte = n > 0 ? `byte 0x${chunk[at].toString(16).toUpperCase().padStart(2, '0')}` : 'the file ends inside a character';
        throw transcriptError(path, lines + 1 + linesIn(chunk, at), `the file is not UTF-8 text (${byte} is not valid UTF-8; Windows-1252 or Latin-1 perhaps)`, SAVE_AS_UTF8);
      }
      splitter.write(text);
      if (n === 0) break;
    }
    splitter.end();
  } finally {
    closeSync(fd);
  }
}
