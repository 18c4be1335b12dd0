// FdSink writes what it is given byte for byte, in order, through short
// writes and a full pipe (EAGAIN): its writev goes on from the first byte a
// write left.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import test from 'node:test';

const ROOT = join(import.meta.dirname, '../../..');

/** What the child writes, built the same way here. */
function expected(): Buffer {
  const parts: Buffer[] = [];
  let seed = 7;
  const rnd = (n: number): number => ((seed = (seed * 1103515245 + 12345) >>> 0) % n);
  for (let i = 0; i < 3000; i++) {
    const len = rnd(i % 50 === 0 ? 200_000 : 3000);
    parts.push(i % 3 === 0 ? Buffer.from('x'.repeat(len % 40)) : Buffer.alloc(len, i % 251));
  }
  return Buffer.concat(parts);
}

test('an export written to a slow pipe arrives whole and in order', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'tests/engine/store/support/fd-sink-writer.ts')], { cwd: ROOT });
  const got: Buffer[] = [];
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d));
  // read in bursts with pauses, so the pipe fills and the writer meets EAGAIN and short writes
  child.stdout.on('data', (d: Buffer) => {
    got.push(d);
    child.stdout.pause();
    setTimeout(() => child.stdout.resume(), 2);
  });
  const code = await new Promise<number | null>((r) => child.on('close', r));
  assert.equal(code, 0, stderr);
  const want = expected();
  const all = Buffer.concat(got);
  assert.equal(all.length, want.length);
  assert.equal(Number(stderr.trim()), want.length, 'the bytes the sink counts');
  assert.equal(createHash('sha256').update(all).digest('hex'), createHash('sha256').update(want).digest('hex'));
});
