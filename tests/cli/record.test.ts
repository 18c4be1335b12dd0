// `candor record` against a real PulseAudio daemon: two known files are
// played into a virtual mic and the call's sink; the live metrics match an
// offline analysis of the same files. A kill -9 mid-call is recovered on the
// next start; missing devices and a full disk give clear errors.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import { writeTurnTakingFiles } from '../support/call-files';
import { candor, candorAsync } from '../support/cli';
import { play, sleep, startPulse, waitFor } from '../support/pulse';
import { SHARED_MODELS, tempDir } from '../support/tmp';

const rig = startPulse();
const dir = tempDir();
const baseEnv = { CANDOR_MODELS_DIR: process.env.CANDOR_MODELS_DIR ?? SHARED_MODELS, CANDOR_HOME: dir };
const { me, them, both } = writeTurnTakingFiles(dir);

test('live metrics through PulseAudio match `candor analyze` of the same audio', async () => {
  const env = { ...baseEnv, CANDOR_DB: join(dir, 'live.db') };
  const rec = candorAsync(['record', ...rig.args, '--json', '--title', 'live test'], env);
  let stdout = '';
  rec.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  let stderr = '';
  rec.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  await waitFor(rec.stderr, /recording call \d+/);
  await sleep(500);
  await Promise.all([play(me, rig.micSink), play(them, rig.themSink)]);
  await sleep(2500);
  assert.match(stderr, /talk +\d+%/, 'a status line once a second');
  const exited = new Promise<number | null>((r) => rec.on('close', r));
  rec.kill('SIGINT');
  assert.equal(await exited, 0, stderr);
  const live = JSON.parse(stdout);
  const offline = JSON.parse(candor(['analyze', both, '--json'], env).stdout);
  const a = live.metrics;
  const b = offline.metrics;
  const segs = `\nlive ${JSON.stringify(live.segments)}\noffline ${JSON.stringify(offline.segments)}`;
  const close = (x: number, y: number, tol: number, what: string): void => assert.ok(Math.abs(x - y) <= tol, `${what}: live ${x}, offline ${y}${segs}`);
  close(a.talkSec.me, b.talkSec.me, 0.6, 'talk me');
  close(a.talkSec.them, b.talkSec.them, 0.6, 'talk them');
  close(a.talkShare, b.talkShare, 0.03, 'talk share');
  close(a.longestMonologueSec.me, b.longestMonologueSec.me, 0.5, 'monologue me');
  assert.equal(a.patienceSec.count, b.patienceSec.count);
  close(a.patienceSec.mean, b.patienceSec.mean, 0.2, 'patience');
  assert.deepEqual(a.interruptions, b.interruptions);
  close(a.pace.wpm, b.pace.wpm, 15, 'pace');
  const stored = JSON.parse(candor(['history', 'list', '--json'], env).stdout);
  assert.equal(stored[0].title, 'live test');
  assert.equal(stored[0].status, 'complete');
});

test('kill -9 mid-call: the call is recovered on the next start, losing at most ~1 s', async () => {
  const env = { ...baseEnv, CANDOR_DB: join(dir, 'crash.db') };
  const spawned = Date.now();
  const rec = candorAsync(['record', ...rig.args], env);
  await waitFor(rec.stderr, /recording call \d+/);
  const t0 = Date.now();
  void play(me, rig.micSink).catch(() => undefined);
  void play(them, rig.themSink).catch(() => undefined);
  await sleep(9000);
  const elapsed = (Date.now() - t0) / 1000;
  const sinceSpawn = (Date.now() - spawned) / 1000;
  rec.kill('SIGKILL');
  await new Promise((r) => rec.on('close', r));
  const list = candor(['history', 'list', '--json'], env);
  assert.match(list.stderr, /recovered 1 interrupted call/);
  const [c] = JSON.parse(list.stdout);
  assert.equal(c.status, 'recovered');
  assert.equal(c.recovered, true);
  // at most ~1 s lost (plus the VAD's work in progress); never more than was recorded
  assert.ok(c.durationSec >= elapsed - 1.5 && c.durationSec <= sinceSpawn, `recovered ${c.durationSec} s of ${elapsed.toFixed(1)}-${sinceSpawn.toFixed(1)} s`);
  const detail = JSON.parse(candor(['history', 'show', String(c.id), '--json'], env).stdout);
  assert.ok(detail.segments.me.length >= 1 && detail.segments.them.length >= 1, JSON.stringify(detail.segments));
  assert.ok(detail.report.metrics.talkSec.me > 3);
  // recovered once only
  assert.doesNotMatch(candor(['history', 'list'], env).stderr, /recovered/);
});

test('kill -9 of record takes its parec recorders with it, even while their sources are idle', async () => {
  const env = { ...baseEnv, CANDOR_DB: join(dir, 'orphans.db') };
  const rec = candorAsync(['record', ...rig.args], env);
  await waitFor(rec.stderr, /recording call \d+/);
  const children = execFileSync('pgrep', ['-P', String(rec.pid)], { encoding: 'utf8' }).trim().split('\n').map(Number);
  const recorders = children.filter((pid) => /parec/.test(execFileSync('ps', ['-o', 'args=', '-p', String(pid)], { encoding: 'utf8' })));
  assert.equal(recorders.length, 2, `parec children of ${rec.pid}: ${children.join(' ')}`);
  // Idle sources deliver nothing, so a parec would never hit a broken pipe on its own.
  for (const sink of [rig.micSink, rig.themSink]) execFileSync('pactl', ['suspend-sink', sink, '1']);
  try {
    await sleep(300);
    rec.kill('SIGKILL');
    await new Promise((r) => rec.on('close', r));
    // A killed child that nobody has reaped yet is a zombie: it holds no device any more.
    const alive = (pid: number): boolean => {
      try {
        return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
      } catch {
        return false;
      }
    };
    const deadline = Date.now() + 1000;
    while (recorders.some(alive) && Date.now() < deadline) await sleep(20);
    assert.deepEqual(recorders.filter(alive), [], 'parec outlived candor record');
  } finally {
    for (const sink of [rig.micSink, rig.themSink]) execFileSync('pactl', ['suspend-sink', sink, '0']);
  }
});

test('no such microphone, and no sound server', () => {
  const env = { ...baseEnv, CANDOR_DB: join(dir, 'dev.db') };
  const r = candor(['record', '--mic', 'no_such_mic', '--monitor', `${rig.themSink}.monitor`], env);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /no microphone named "no_such_mic"\n.*Pick one of: .*--mic/);
  const noServer = candor(['record'], { ...env, PULSE_SERVER: 'unix:/nonexistent/pulse' });
  assert.equal(noServer.code, 1);
  assert.match(noServer.stderr, /no PulseAudio\/PipeWire sound server is running/);
});

test('a full disk while recording stops cleanly and keeps what was committed',
  { skip: process.getuid?.() !== 0 ? 'mounting a tiny tmpfs needs root' : false }, async () => {
    const mnt = join(dir, 'tiny');
    mkdirSync(mnt);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', mnt]);
    try {
      const env = { ...baseEnv, CANDOR_DB: join(mnt, 'candor.db') };
      const rec = candorAsync(['record', ...rig.args], env);
      let stderr = '';
      rec.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      await waitFor(rec.stderr, /recording call \d+/);
      void play(me, rig.micSink).catch(() => undefined);
      void play(them, rig.themSink).catch(() => undefined);
      await sleep(4000);
      // fill the disk
      try {
        execFileSync('dd', ['if=/dev/zero', `of=${join(mnt, 'filler')}`, 'bs=4k'], { stdio: 'ignore' });
      } catch {
        // dd stops with "no space left": that is the point
      }
      const code = await new Promise<number | null>((r) => rec.on('close', r));
      assert.equal(code, 1, stderr);
      assert.match(stderr, /disk that holds .* is full/);
      assert.match(stderr, /Everything committed before the disk filled up is kept/);
      execFileSync('rm', [join(mnt, 'filler')]);
      const list = candor(['history', 'list', '--json'], env);
      const [c] = JSON.parse(list.stdout);
      assert.equal(c.status, 'recovered');
      assert.ok(c.durationSec >= 2, `kept ${c.durationSec} s`);
    } finally {
      execFileSync('umount', ['-l', mnt]);
    }
  });

test('record --replay plays a file as a live call', () => {
  const env = { ...baseEnv, CANDOR_DB: join(dir, 'replay.db') };
  const r = candor(['record', '--replay', both, '--speed', '8', '--json'], env);
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.equal(j.metrics.patienceSec.count, 3);
  writeFileSync(join(dir, 'replay.json'), r.stdout);
});
