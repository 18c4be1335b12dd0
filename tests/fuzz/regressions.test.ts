// Every input the fuzz harness ever failed on is kept under
// tests/fuzz/regressions/<target>/ and replayed here, through the same
// harness (time limit, memory bound), on every run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { REGRESSIONS_DIR, runFuzz } from './harness';
import { TARGETS } from './targets';

const targets = existsSync(REGRESSIONS_DIR) ? readdirSync(REGRESSIONS_DIR).filter((d) => d in TARGETS) : [];

test('kept regression inputs belong to known targets', () => {
  const dirs = existsSync(REGRESSIONS_DIR) ? readdirSync(REGRESSIONS_DIR).filter((d) => d !== 'README.md') : [];
  assert.deepEqual(dirs.filter((d) => !(d in TARGETS)), []);
  assert.ok(targets.length > 0, 'the regressions folder holds the inputs fuzzing found');
});

for (const target of targets) {
  const files = readdirSync(join(REGRESSIONS_DIR, target)).filter((f) => f.endsWith(`.${TARGETS[target].ext}`)).sort();
  test(`replay ${files.length} kept ${target} input(s)`, async () => {
    const s = await runFuzz({ target, count: files.length, seed: 0, replay: files.map((f) => join(REGRESSIONS_DIR, target, f)) });
    assert.deepEqual(s.failures.map((f) => `${f.kind}: ${f.file}: ${f.message}`), []);
  });
}
