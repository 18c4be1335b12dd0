// Streaming reads: pieces of any size give the same lines as the whole text
// (a CR LF or a UTF-8 character split between two reads included), and the
// UTF-8 check finds the first bad byte.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import { LineSplitter, splitLines } from '../../../src-main/engine/transcript/lines';
import { firstInvalidUtf8, READ_CHUNK_BYTES, readFileLines } from '../../../src-main/engine/transcript/read-file';
import { tempDir } from '../../support/tmp';

test('lines: CR LF, CR and LF; a BOM dropped; the same whatever the piece size', () => {
  const text = '\uFEFFa\r\nb\rc\nd\r\n\r\ne';
  assert.deepEqual(splitLines(text), ['a', 'b', 'c', 'd', '', 'e']);
  for (const size of [1, 2, 3, 5]) {
    const got: string[] = [];
    const s = new LineSplitter((l) => got.push(l));
    for (let i = 0; i < text.length; i += size) s.write(text.slice(i, i + size));
    s.end();
    assert.deepEqual(got, ['a', 'b', 'c', 'd', '', 'e'], `pieces of ${size}`);
  }
  assert.deepEqual(splitLines('x\n'), ['x']);
  assert.deepEqual(splitLines(''), []);
});

test('a CR LF and a multi-byte character across the read boundary are read whole', () => {
  const dir = tempDir();
  const path = join(dir, 'edge.vtt');
  const pad = 'x'.repeat(READ_CHUNK_BYTES - 1);
  // Byte READ_CHUNK_BYTES-1 is CR and the second read starts with LF; the two
  // bytes of "é" are the last of the second read and the first of the third.
  const text = `${pad}\r\n${'y'.repeat(READ_CHUNK_BYTES - 2)}é\nend`;
  assert.equal(Buffer.from(text).indexOf('é'), 2 * READ_CHUNK_BYTES - 1);
  writeFileSync(path, text);
  const lines: string[] = [];
  readFileLines(path, (l) => lines.push(l));
  assert.deepEqual(lines.map((l) => l.length), [READ_CHUNK_BYTES - 1, READ_CHUNK_BYTES - 1, 3]);
  assert.ok(lines[1].endsWith('yé'));
});

test('firstInvalidUtf8 finds stray, overlong, surrogate and out-of-range bytes, and allows a cut-off end', () => {
  const at = (...b: number[]): number => firstInvalidUtf8(Uint8Array.from(b));
  assert.equal(at(0x61, 0xc3, 0xa9, 0x62), 4);
  assert.equal(at(0x61, 0xe9, 0x62), 1); // Latin-1 é
  assert.equal(at(0xc0, 0xaf), 0); // overlong "/"
  assert.equal(at(0xe0, 0x80, 0xaf), 0); // overlong three bytes
  assert.equal(at(0x61, 0xed, 0xa0, 0x80), 1); // a surrogate
  assert.equal(at(0xf4, 0x90, 0x80, 0x80), 0); // past U+10FFFF
  assert.equal(at(0x80), 0); // a lone continuation byte
  assert.equal(at(0x61, 0xe2, 0x82), 3); // cut off at the end: not (yet) an error
});
