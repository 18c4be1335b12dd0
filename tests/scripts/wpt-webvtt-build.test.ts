// The builder of the WPT WebVTT inputs: it decodes the escapes of wpt's
// `.test` sources, and the committed inputs are what it builds.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import { WPT_DIR, buildWptCases, decodeWptEscapes, vttOfWptTest } from '../../scripts/wpt-webvtt-build';

test('escapes decode as in the wpt build step', () => {
  assert.equal(decodeWptEscapes('a\\x00b\\x20\\uFFFD'), 'a\u0000b \uFFFD');
  assert.equal(decodeWptEscapes('\\r\\n\\t\\f\\v\\\\'), '\r\n\t\f\v\\');
  assert.equal(decodeWptEscapes('line\\r\\\nnext'), 'line\rnext', 'a backslash before a newline joins the lines');
  assert.equal(decodeWptEscapes('\\03x'), '\u0003x', 'octal, as Python reads it');
  assert.equal(decodeWptEscapes('\\q'), '\\q', 'an unknown escape stays');
  assert.throws(() => decodeWptEscapes('\\x0'), /bad \\x escape/);
  assert.throws(() => decodeWptEscapes('caf\u00e9'), /must be ASCII/);
});

test('the WebVTT part of a source follows the "===" line', () => {
  assert.equal(vttOfWptTest('title\n<link>\n\nassert_equals(cues.length, 0);\n\n===\nWEBVTT\\x20'), 'WEBVTT ');
  assert.throws(() => vttOfWptTest('title only'), /blank line/);
  assert.throws(() => vttOfWptTest('title\n\nno separator'), /===/);
});

test('every committed input with a source is exactly what the builder makes of it', () => {
  const built = buildWptCases();
  assert.ok(built.size >= 30, `only ${built.size} sources`);
  for (const [name, vtt] of built) {
    assert.equal(readFileSync(join(WPT_DIR, 'cases', `${name}.vtt`), 'utf8'), vtt, name);
  }
});
