// How the CLI reports a failure: the problem, then the way out, on stderr.
import { CandorError } from '../contract/errors';

export class UsageError extends Error {}

export function printError(err: unknown, usage?: string): number {
  if (err instanceof UsageError) {
    process.stderr.write(`candor: ${err.message}\n${usage ? `usage: ${usage}\n` : ''}`);
    return 2;
  }
  if (err instanceof CandorError) {
    process.stderr.write(`candor: ${err.message}\n${err.hint ? `  ${err.hint}\n` : ''}`);
    if (process.env.CANDOR_DEBUG) process.stderr.write(`${err.stack}\n`);
    return 1;
  }
  const e = err as Error;
  process.stderr.write(`candor: unexpected error: ${e?.message ?? String(err)}\n${e?.stack ?? ''}\n`);
  return 1;
}
