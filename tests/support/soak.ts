// The crash soaks' common checks: every call as `history export --all`
// writes it, compared byte for byte, and a command killed at a moment
// chosen from the growth of the database's write-ahead log.
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { statSync } from 'node:fs';
import { after } from 'node:test';
import Database from 'better-sqlite3';
import { candor, candorAsync } from './cli';
import type { Rng } from './rng';

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

export interface KilledRun {
  /** false: the command finished before the kill came (it then must have succeeded). */
  killed: boolean;
  /** Bytes in the log when the kill was sent (-1: no log). */
  walAtKill: number;
  /** From the log's appearance (the store opened) to the end of the process, ms. */
  openToExitMs: number;
  /** The most bytes the log held while the command ran. */
  maxWal: number;
}

/** Commands still running when a test fails: killed, so that no later test sees them. */
const running = new Set<ChildProcess>();
after(() => {
  for (const p of running) p.kill('SIGKILL');
});

/**
 * Runs `candor args` and sends it SIGKILL as soon as `killWhen` says so,
 * given the size of the log of `db` and the ms since the log appeared (the
 * store was opened). Polled every millisecond.
 */
export async function runAndKill(args: string[], env: NodeJS.ProcessEnv, db: string,
  killWhen: (wal: number, sinceOpenMs: number) => boolean): Promise<KilledRun> {
  const p = candorAsync(args, env);
  running.add(p);
  let stderr = '';
  p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  p.stdout.resume();
  let opened = 0;
  let maxWal = -1;
  let walAtKill = -1;
  let killed = false;
  const poll = setInterval(() => {
    const wal = walBytes(db);
    maxWal = Math.max(maxWal, wal);
    if (wal >= 0 && !opened) opened = Date.now();
    if (!killed && opened && killWhen(wal, Date.now() - opened)) {
      walAtKill = wal;
      killed = p.kill('SIGKILL');
    }
  }, 1);
  await exited(p);
  clearInterval(poll);
  running.delete(p);
  if (p.signalCode !== 'SIGKILL') assert.equal(p.exitCode, 0, `candor ${args.join(' ')}: ${stderr}`);
  return { killed: p.signalCode === 'SIGKILL', walAtKill, openToExitMs: opened ? Date.now() - opened : 0, maxWal };
}

/** Opens the file as SQLite does after a crash: SQLite's and both search indexes' integrity checks, no row without its call. */
export function checkDatabaseFile(db: string, what: string): void {
  const raw = new Database(db);
  try {
    assert.equal(raw.pragma('integrity_check', { simple: true }), 'ok', what);
    assert.deepEqual(raw.pragma('foreign_key_check'), [], `${what}: no row without its call`);
    for (const fts of ['call_fts', 'utterance_fts']) raw.exec(`INSERT INTO ${fts}(${fts}) VALUES ('integrity-check')`);
  } finally {
    raw.close();
  }
}

/** How an uninterrupted run used the log: the window in which its kills are drawn. */
export interface KillWindow {
  maxWal: number;
  openToExitMs: number;
}

/**
 * Kill i of a soak: even i when the log has grown past a random size (inside
 * a transaction), odd i at a random time after the store opened; both drawn
 * within the uninterrupted run's window.
 */
export function killRule(i: number, random: Rng, w: KillWindow): { rule: (wal: number, sinceOpenMs: number) => boolean; how: string } {
  const threshold = 1 + Math.floor(random() * w.maxWal);
  const delayMs = random() * w.openToExitMs;
  return i % 2 === 0
    ? { rule: (wal, since) => wal >= threshold || (wal < 0 && since > 0), how: `log past ${threshold} bytes` }
    : { rule: (_wal, since) => since >= delayMs, how: `${delayMs.toFixed(0)} ms after open` };
}
