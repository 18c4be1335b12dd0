// Data a test needs from ../shared (or from a Debian test-data package).
// Locally a missing file skips the test with the reason; in CI (CI=true) it
// does not: the test runs and fails, naming the missing file.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';

export function missing(paths: readonly string[]): string[] {
  return paths.filter((p) => !existsSync(p));
}

/** For test(..., { skip }): the reason to skip, or false (always false in CI). */
export function skipUnlessPresent(paths: readonly string[]): string | false {
  const gone = missing(paths);
  if (gone.length === 0 || process.env.CI) return false;
  return `not present: ${gone.join(', ')}`;
}

/** First line of a test body: fails with the missing files' names. */
export function assertPresent(paths: readonly string[]): void {
  const gone = missing(paths);
  assert.deepEqual(gone, [], `test data missing: ${gone.join(', ')} (../shared/data, or \`scripts/setup.sh --test\` for Debian packages)`);
}
