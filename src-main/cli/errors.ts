// How the CLI reports a failure: the problem, then the way out, on stderr.
import { CandorError } from '../contract/errors';
import { errnoCode, fileError } from '../engine/fs-errors';

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
  // A file error that no command translated still reads as one line, with its path, not a stack trace.
  const sys = err as NodeJS.ErrnoException;
  if (errnoCode(err) && sys.syscall) {
    const action = /write|mkdir|rename|unlink|rmdir|copy|symlink|truncate|fsync|chmod|utime/.test(sys.syscall) ? 'write' : 'read';
    return printError(fileError(err, sys.path ?? (sys as { dest?: string }).dest ?? 'a file', action), usage);
  }
  const e = err as Error;
  process.stderr.write(`candor: unexpected error: ${e?.message ?? String(err)}\n${e?.stack ?? ''}\n`);
  return 1;
}
