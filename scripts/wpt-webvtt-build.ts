// Builds the WebVTT inputs of the W3C web-platform-tests file-parsing cases
// (tests/fixtures/wpt-webvtt) from their `.test` sources, the way wpt's own
// build step does: a `.test` file is a title line, HTML metadata lines, a
// blank line, JS assertions, a "===" line, then the WebVTT file written with
// backslash escapes (\x00, \r, \uFFFD, a backslash at a line end joins lines).
// Written for Candor; no wpt code.
//   tsx scripts/wpt-webvtt-build.ts           writes cases/<name>.vtt
//   tsx scripts/wpt-webvtt-build.ts --check   fails if a built file differs
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const WPT_DIR = new URL('../tests/fixtures/wpt-webvtt/', import.meta.url).pathname;

const SIMPLE: Record<string, string> = {
  '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\n': '',
};

/**
 * Decodes the escapes the wpt sources use (Python "unicode_escape" rules:
 * \\ \' \" \a \b \f \n \r \t \v, \xHH, \uHHHH, \UHHHHHHHH, octal \ooo, and a
 * backslash before a newline drops both). An unknown escape stays as written.
 * The sources are ASCII; anything else is refused, because the Python step
 * would read it as Latin-1 and the result would not be what the author meant.
 */
export function decodeWptEscapes(src: string): string {
  if (!/^[\x00-\x7f]*$/.test(src)) throw new Error('a wpt .test source must be ASCII');
  let out = '';
  let i = 0;
  while (i < src.length) {
    const slash = src.indexOf('\\', i);
    if (slash < 0 || slash === src.length - 1) { out += src.slice(i); break; }
    out += src.slice(i, slash);
    const c = src[slash + 1];
    const hex = (n: number): number => {
      const digits = src.slice(slash + 2, slash + 2 + n);
      if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(digits)) throw new Error(`bad \\${c} escape at ${slash}`);
      return parseInt(digits, 16);
    };
    if (c in SIMPLE) { out += SIMPLE[c]; i = slash + 2; }
    else if (c === 'x') { out += String.fromCharCode(hex(2)); i = slash + 4; }
    else if (c === 'u') { out += String.fromCharCode(hex(4)); i = slash + 6; }
    else if (c === 'U') { out += String.fromCodePoint(hex(8)); i = slash + 10; }
    else if (c >= '0' && c <= '7') {
      let j = slash + 1;
      while (j < slash + 4 && j < src.length && src[j] >= '0' && src[j] <= '7') j++;
      out += String.fromCharCode(parseInt(src.slice(slash + 1, j), 8));
      i = j;
    } else { out += '\\' + c; i = slash + 2; }
  }
  return out;
}

/** The WebVTT text of a `.test` source (everything after the first "===" line of the body). */
export function vttOfWptTest(source: string): string {
  const blank = source.indexOf('\n\n');
  if (blank < 0) throw new Error('a .test source needs a blank line after its header');
  const body = source.slice(blank + 2);
  const sep = body.indexOf('===\n');
  if (sep < 0) throw new Error('a .test source needs a "===" line before the WebVTT text');
  return decodeWptEscapes(body.slice(sep + 4));
}

/** Case name -> built WebVTT text, for every source in sources/. */
export function buildWptCases(dir = WPT_DIR): Map<string, string> {
  const out = new Map<string, string>();
  for (const name of readdirSync(join(dir, 'sources')).sort()) {
    if (!name.endsWith('.test')) continue;
    out.set(name.slice(0, -'.test'.length), vttOfWptTest(readFileSync(join(dir, 'sources', name), 'latin1')));
  }
  return out;
}

function main(): void {
  const check = process.argv.includes('--check');
  let bad = 0;
  for (const [name, vtt] of buildWptCases()) {
    const file = join(WPT_DIR, 'cases', `${name}.vtt`);
    if (check) {
      let have: string | null = null;
      try { have = readFileSync(file, 'utf8'); } catch { /* reported below */ }
      if (have !== vtt) { console.error(`${file} differs from its source`); bad++; }
    } else {
      writeFileSync(file, vtt, 'utf8');
    }
  }
  if (bad > 0) process.exit(1);
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) main();
