// Argument parsing on node:util parseArgs, with usage errors the CLI prints.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './errors';

export function parse<T extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: T, allowPositionals = true) {
  try {
    return parseArgs({ args: argv, options, allowPositionals, strict: true });
  } catch (err) {
    throw new UsageError((err as Error).message.replace(/^TypeError \[\w+\]: /, ''));
  }
}
