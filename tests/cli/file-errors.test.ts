// #14 defect 16: the operating system's file errors read as one `candor:`
// line with the way out, never a stack trace: an unreadable audio file for a
// user who is not root (EACCES at open), `export --out` to a missing folder
// or to /dev/full, and stdout on a full device or a closed pipe.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, closeSync, existsSync, openSync, statSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import { writeWav } from '../../src-main/engine/audio/wav-writer';
import { candor, CLI, ROOT } from '../support/cli';
import { SHARED_MODELS, tempDir } from '../support/tmp';

const dir = tempDir();
chmodSync(dir, 0o755);
const env = { CANDOR_DB: join(dir, 'calls.db'), CANDOR_HOME: dir, CANDOR_MODELS_DIR: process.env.CANDOR_MODELS_DIR ?? SHARED_MODELS };

function assertOneCandorLine(stderr: string, re: RegExp): void {
  assert.match(stderr, re);
  assert.doesNotMatch(stderr, /\n\s+at |unexpected error|Error:/, stderr);
  assert.ok(stderr.trim().split('\n').length <= 2, `a message and a hint: ${stderr}`);
}

test('an audio file the user may not read: a candor: message, as a user who is not root', () => {
  const wav = join(dir, 'private.wav');
  writeWav(wav, [new Float32Array(16000)], 16000);
  chmodSync(wav, 0o600);
  const args = [CLI, 'analyze', wav, '--side', 'me'];
  const asRoot = process.getuid?.() === 0;
  if (!asRoot) chmodSync(wav, 0o000);
  // As root, run as nobody (util-linux setpriv): root reads every file.
  const r = asRoot
    ? spawnSync('setpriv', ['--reuid=nobody', '--regid=nogroup', '--clear-groups', process.execPath, ...args], { cwd: ROOT, env: { ...process.env, ...env, HOME: dir }, encoding: 'utf8' })
    : spawnSync(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8' });
  assert.equal(r.status, 1, r.stderr);
  assertOneCandorLine(r.stderr, /^candor: no permission to read .*private\.wav\n {2}Check the file permissions/);
});

test('export --out to a folder that does not exist', () => {
  const out = join(dir, 'no-such-folder', 'calls.json');
  const r = candor(['history', 'export', '--all', '--out', out], env);
  assert.equal(r.code, 1);
  assertOneCandorLine(r.stderr, /^candor: cannot write .*calls\.json: the folder .*no-such-folder does not exist\n {2}Create the folder/);
  assert.equal(existsSync(out), false);
});

test('export --out /dev/full', { skip: !existsSync('/dev/full') && 'no /dev/full on this system' }, () => {
  const r = candor(['history', 'export', '--all', '--out', '/dev/full'], env);
  assert.equal(r.code, 1);
  assertOneCandorLine(r.stderr, /^candor: cannot write \/dev\/full: no space left on the device\n {2}Free some disk space/);
  // Written in place: a temporary file renamed over it would have replaced the device node itself.
  assert.ok(statSync('/dev/full').isCharacterDevice(), '/dev/full is still the device');
});

test('stdout on a full device', { skip: !existsSync('/dev/full') && 'no /dev/full on this system' }, () => {
  const full = openSync('/dev/full', 'w');
  try {
    const r = spawnSync(process.execPath, [CLI, 'history', 'export', '--all'], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', full, 'pipe'], encoding: 'utf8' });
    assert.equal(r.status, 1, r.stderr);
    assertOneCandorLine(r.stderr, /^candor: cannot write the output: no space left on the device\n/);
  } finally {
    closeSync(full);
  }
});

test('stdout closed by its reader (EPIPE)', () => {
  // `| true`: the reader is gone before candor writes.
  const r = spawnSync('bash', ['-c', `"${process.execPath}" "${CLI}" history export --all 2>"${join(dir, 'epipe.err')}" | true; cat "${join(dir, 'epipe.err')}"`], { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8' });
  assertOneCandorLine(r.stdout, /^candor: the output was closed before everything was written \(EPIPE\)\n/);
});
