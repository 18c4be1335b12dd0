// Candor opens no network socket. The real commands run under strace, which
// logs every socket() the process tree makes; any AF_INET or AF_INET6 socket
// fails the test. (Unix sockets, e.g. to the PulseAudio daemon, are local.)
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import { CLI, ROOT } from '../support/cli';
import { startPulse } from '../support/pulse';
import { TURN_TAKING } from '../support/scenarios';
import { buildCall, writeCall } from '../support/synth';
import { SHARED_MODELS, tempDir } from '../support/tmp';

const dir = tempDir();
const env = { ...process.env, CANDOR_MODELS_DIR: process.env.CANDOR_MODELS_DIR ?? SHARED_MODELS, CANDOR_HOME: dir, CANDOR_DB: join(dir, 'c.db') };
const file = join(dir, 'call.wav');
writeCall(file, buildCall(TURN_TAKING.slice(0, 3)));

function socketsOf(args: string[], timeoutMs = 120_000): { families: string[]; code: number | null; stderr: string } {
  const log = join(dir, `strace-${args[0]}-${Date.now()}.log`);
  const r = spawnSync('strace', ['-f', '-qq', '-e', 'trace=socket,connect', '-o', log, process.execPath, CLI, ...args],
    { cwd: ROOT, env, encoding: 'utf8', timeout: timeoutMs });
  const lines = readFileSync(log, 'utf8').split('\n');
  const families = [...new Set(lines.map((l) => /socket\((AF_\w+)/.exec(l)?.[1]).filter((x): x is string => Boolean(x)))];
  return { families, code: r.status, stderr: r.stderr };
}

test('the check itself sees an inet socket when one is opened', () => {
  const log = join(dir, 'probe.log');
  spawnSync('strace', ['-f', '-qq', '-e', 'trace=socket', '-o', log, process.execPath, '-e',
    "require('net').connect(9, '127.0.0.1').on('error', () => {})"], { encoding: 'utf8' });
  assert.match(readFileSync(log, 'utf8'), /socket\(AF_INET/);
});

test('candor analyze --save opens no network socket', () => {
  const r = socketsOf(['analyze', file, '--save', '--json']);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(r.families.filter((f) => f === 'AF_INET' || f === 'AF_INET6'), [], `sockets: ${r.families.join(', ')}`);
});

test('candor record (live, through PulseAudio) opens no network socket', () => {
  const rig = startPulse();
  const r = socketsOf(['record', ...rig.args, '--duration', '3']);
  assert.equal(r.code, 0, r.stderr);
  assert.ok(r.families.includes('AF_UNIX'), 'it did talk to the sound server');
  assert.deepEqual(r.families.filter((f) => f === 'AF_INET' || f === 'AF_INET6'), [], `sockets: ${r.families.join(', ')}`);
});

test('candor history and doctor open no network socket', () => {
  for (const args of [['history', 'list'], ['doctor']]) {
    const r = socketsOf(args);
    assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
    assert.deepEqual(r.families.filter((f) => f === 'AF_INET' || f === 'AF_INET6'), [], `${args.join(' ')}: ${r.families.join(', ')}`);
  }
});
