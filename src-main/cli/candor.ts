#!/usr/bin/env node
// The `candor` command: the engine in plain Node, no Electron.
import type { Command } from './command';
import { COMMANDS } from './commands/index';
import { outputError } from '../engine/fs-errors';
import { printError } from './errors';

function help(): string {
  const w = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'Candor: a private, on-device conversation coach. Nothing leaves this machine.',
    '',
    'usage: candor <command> [options]',
    '',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(w)}  ${c.summary}`),
    '',
    'candor <command> --help shows the options of one command.',
  ].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    process.stdout.write(help() + '\n');
    return name ? 0 : 2;
  }
  const cmd: Command | undefined = COMMANDS.find((c) => c.name === name);
  if (!cmd) {
    process.stderr.write(`candor: unknown command "${name}"\n\n${help()}\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`usage: ${cmd.usage}\n`);
    return 0;
  }
  try {
    return await cmd.run(rest);
  } catch (err) {
    return printError(err, cmd.usage);
  }
}

// stdout on a full device (ENOSPC) or a reader that went away (EPIPE): one line on stderr, not a stack trace.
process.stdout.on('error', (err) => {
  printError(outputError(err));
  process.exit(1);
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.exitCode = printError(err);
  },
);
