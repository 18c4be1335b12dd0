// The fuzz harness itself: a hang is cut at the per-input limit, memory past
// the bound and a plain exception are failures pinned on their input, and
// the run goes on with the next input each time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runFuzz } from './harness';

function inputs(dir: string, kinds: number[]): string[] {
  return kinds.map((k, i) => {
    const f = join(dir, `in-${kinds.join('')}-${i}.bin`);
    writeFileSync(f, new Uint8Array([k]));
    return f;
  });
}

test('a hang is cut at the time limit and an exception is a failure, each on its input; the others still run', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'candor-fuzz-self-'));
  const files = inputs(dir, [0, 1, 0, 2, 4, 0]);
  const s = await runFuzz({ target: 'selftest', count: files.length, seed: 0, replay: files, timeoutMs: 1500 });
  assert.deepEqual(s.failures.map((f) => [f.i, f.kind]), [[1, 'hang'], [3, 'exception']]);
  assert.match(s.failures[1].message, /TypeError: not a CandorError/);
  assert.equal(s.results, 3);
  assert.equal(s.candorErrors, 1);
});

test('memory past the bound ends its input, even inside a loop that never yields', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'candor-fuzz-self-'));
  const files = inputs(dir, [3, 0]);
  const s = await runFuzz({ target: 'selftest', count: files.length, seed: 0, replay: files, timeoutMs: 60_000, memoryMb: 256 });
  assert.deepEqual(s.failures.map((f) => [f.i, f.kind === 'crash' ? 'memory' : f.kind]), [[0, 'memory']]);
  assert.equal(s.results, 1);
});
