// The crash soaks' common checks: every call as `history export --all`
// writes it, compared byte for byte, and a killed child that has exited.
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { statSync } from 'node:fs';
import { candor } from './cli';

/**
 * Every call as `history export --all` writes it (less the export's own time
 * stamp), by id. With `quiet`, the export must have nothing to say on stderr
 * (no recovery, no warning): `quiet` names the moment in the message.
 */
export function exportAll(env: NodeJS.ProcessEnv, opts: { quiet?: string } = {}): Map<number, string> {
  const r = candor(['history', 'export', '--all', '--format', 'json'], env);
  assert.equal(r.code, 0, r.stderr);
  if (opts.quiet !== undefined) assert.equal(r.stderr, '', `${opts.quiet}: the export has nothing to say`);
  const doc = JSON.parse(r.stdout) as { exportedAt?: string; calls: { id: number }[] };
  return new Map(doc.calls.map((c) => [c.id, JSON.stringify(c)]));
}

/** Byte-for-byte equality, reporting where the two exports first differ. */
export function sameExport(now: string, then: string, what: string): void {
  if (now === then) return;
  let i = 0;
  while (i < now.length && now[i] === then[i]) i++;
  assert.fail(`${what}: export differs at byte ${i}: now "${now.slice(Math.max(0, i - 60), i + 60)}", was "${then.slice(Math.max(0, i - 60), i + 60)}"`);
}

/** Every call exported earlier is still there, unchanged. */
export function earlierCallsIntact(now: Map<number, string>, before: Map<number, string>, what: string): void {
  for (const [id, text] of before) sameExport(now.get(id) ?? '(missing)', text, `${what}: call ${id}`);
}

export function exited(p: ChildProcess): Promise<void> {
  return new Promise((r) => (p.exitCode !== null || p.signalCode !== null ? r() : p.once('close', () => r())));
}

/** Bytes in a database's write-ahead log; -1 when there is none. */
export function walBytes(db: string): number {
  try {
    return statSync(`${db}-wal`).size;
  } catch {
    return -1;
  }
}
