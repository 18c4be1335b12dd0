// Seeded fuzz on every CI run: each target's mutated inputs give a result or
// a CandorError with a one-line message; never another exception, a hang
// past the per-input limit, or memory past the bound. The counts are printed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FUZZ_COUNTS, FUZZ_SEEDS } from './counts';
import { runFuzz } from './harness';

const total = Object.values(FUZZ_COUNTS).reduce((a, b) => a + b, 0);
console.log(`fuzz counts: ${JSON.stringify(FUZZ_COUNTS)} (${total} inputs)`);

test('the CI run mutates at least 10,000 inputs', () => {
  assert.ok(total >= 10_000, `${total}`);
});

for (const [target, count] of Object.entries(FUZZ_COUNTS)) {
  test(`fuzz ${target} (${count} inputs, seed ${FUZZ_SEEDS[target]})`, async () => {
    const s = await runFuzz({ target, count, seed: FUZZ_SEEDS[target] });
    console.log(JSON.stringify({ ...s, failures: s.failures.length }));
    assert.deepEqual(s.failures.map((f) => `${f.kind} at input ${f.i}: ${f.message} (kept as ${f.file})`), []);
    assert.equal(s.results + s.candorErrors, count);
  });
}
