// Runs the real `candor` command in a child process, as a user would.
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';

export const ROOT = new URL('../..', import.meta.url).pathname;
/** The command as `npm run candor` runs it: the sources bundled (scripts/cli-bundle.mjs), in this same process, so that a signal sent to the child reaches candor itself. */
export const CLI = join(ROOT, 'scripts', 'candor.mjs');
const NODE_ARGS = [CLI];

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function candor(args: string[], env: NodeJS.ProcessEnv = {}, opts: { timeoutMs?: number; uid?: number; gid?: number } = {}): CliResult {
  const r = spawnSync(process.execPath, [...NODE_ARGS, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: opts.timeoutMs ?? 120_000,
    maxBuffer: 256 << 20, // a whole history's export
    uid: opts.uid,
    gid: opts.gid,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function candorAsync(args: string[], env: NodeJS.ProcessEnv = {}) {
  return spawn(process.execPath, [...NODE_ARGS, ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
}
