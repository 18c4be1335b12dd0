// TEST-ONLY: asserts that a call throws the CandorError a user would see:
// its code, its message (exactly, or matching a pattern) and, when given,
// the hint that says the way out.
import assert from 'node:assert/strict';
import { CandorError } from '../../src-main/contract/errors';

export function throwsCandorError(fn: () => unknown, code: string, message: string | RegExp, hint?: string): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof CandorError, `expected a CandorError, got ${String(err)}`);
    assert.equal(err.code, code, err.message);
    if (typeof message === 'string') assert.equal(err.message, message);
    else assert.match(err.message, message);
    if (hint !== undefined) assert.equal(err.hint, hint);
    return true;
  });
}
