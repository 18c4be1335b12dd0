// Capture that never fails silently (#14, Deliver), against real PulseAudio:
// - system audio that is digital silence for more than ~10 s while the mic
//   hears speech is flagged in the status line and noted in the report;
// - the default output changes mid-call (moved, then the sink unloaded):
//   capture follows the new default within ~2 s and the report marks it.
// The device test runs its own PulseAudio daemon, so changing its default
// devices cannot disturb anything else on the machine.
import assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import test, { after } from 'node:test';
import { writeWav } from '../../src-main/engine/audio/wav-writer';
import { candorAsync } from '../support/cli';
import { keepSinksRunning, play, sleep, startPulse, waitFor } from '../support/pulse';
import { speak } from '../support/synth';
import { SHARED_MODELS, tempDir } from '../support/tmp';

const dir = tempDir();
const baseEnv = { CANDOR_MODELS_DIR: process.env.CANDOR_MODELS_DIR ?? SHARED_MODELS, CANDOR_HOME: dir };
const talk = join(dir, 'talk.wav');
writeWav(talk, [speak('So let me walk you through the plan for the next quarter. We start with the onboarding flow, then we rebuild the reports, and after that we look at pricing again with the sales team and the finance people, who have asked for a clear model before the summer. I think we can get most of it done if we keep the scope small and ship every two weeks, and I would like your view on that before Friday.', { wpm: 160 })], 16000);

function exited(p: ChildProcess): Promise<number | null> {
  return new Promise((r) => (p.exitCode !== null ? r(p.exitCode) : p.on('close', r)));
}

test('system audio digital silence for > 10 s while I speak is flagged live and noted in the report', async () => {
  const rig = startPulse();
  const env = { ...baseEnv, CANDOR_DB: join(dir, 'silent.db') };
  const rec = candorAsync(['record', ...rig.args, '--json'], env);
  let stdout = '';
  let stderr = '';
  rec.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  rec.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  await waitFor(rec.stderr, /recording call \d+/);
  // The call's sink only ever plays zeros (the rig's keep-alive stream); the mic hears me talk.
  const talking = play(talk, rig.micSink);
  const flagged = await waitFor(rec.stderr, /! system audio silent (\d+) s while you speak: is the call playing through another output\?/, 40_000);
  const secs = Number(/! system audio silent (\d+) s/.exec(flagged)![1]);
  assert.ok(secs >= 10 && secs <= 16, `flagged after ${secs} s of silence`);
  await talking;
  rec.kill('SIGINT');
  assert.equal(await exited(rec), 0, stderr);
  const report = JSON.parse(stdout);
  assert.ok(report.notes.some((n: string) => /system audio was digital silence for \d+ s from [\d.]+ s into the call while the microphone heard speech/.test(n)), JSON.stringify(report.notes));
});

/** A PulseAudio daemon of this test's own: sinks a and b, and a virtual mic. */
function privatePulse(): { env: Record<string, string>; pactl(...args: string[]): string } {
  const root = join(dir, 'pulse');
  mkdirSync(join(root, 'runtime'), { recursive: true });
  const socket = join(root, 'native');
  const daemon = spawn('pulseaudio', ['-n', '--daemonize=no', '--exit-idle-time=-1', '--disallow-exit', '--use-pid-file=no',
    '-L', `module-native-protocol-unix socket=${socket} auth-anonymous=1`,
    '-L', 'module-null-sink sink_name=a', '-L', 'module-null-sink sink_name=b', '-L', 'module-null-sink sink_name=mic'], {
    env: { ...process.env, HOME: root, PULSE_RUNTIME_PATH: join(root, 'runtime'), XDG_RUNTIME_DIR: join(root, 'runtime'), PULSE_STATE_PATH: join(root, 'state') },
    stdio: 'ignore',
  });
  after(() => daemon.kill());
  const env = { PULSE_SERVER: `unix:${socket}` };
  const pactl = (...args: string[]): string => execFileSync('pactl', args, { env: { ...process.env, ...env }, encoding: 'utf8' }).trim();
  for (let i = 0; i < 50 && !existsSync(socket); i++) execFileSync('sleep', ['0.1']);
  pactl('set-default-sink', 'a');
  pactl('set-default-source', 'mic.monitor');
  const streams = keepSinksRunning(['a', 'b', 'mic'], env);
  after(() => streams.forEach((p) => p.kill()));
  return { env, pactl };
}

test('the default output changes mid-call, then is unloaded: capture follows within ~2 s and the report marks each switch', async () => {
  const pulse = privatePulse();
  const env = { ...baseEnv, ...pulse.env, CANDOR_DB: join(dir, 'follow.db') };
  const rec = candorAsync(['record', '--json'], env);
  let stdout = '';
  let stderr = '';
  rec.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  rec.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  await waitFor(rec.stderr, /recording call \d+ from microphone mic\.monitor and system audio a\.monitor/);
  await sleep(1500);

  // Headphones plugged in: the default output moves to b.
  let t0 = Date.now();
  pulse.pactl('set-default-sink', 'b');
  await waitFor(rec.stderr, /capture: system audio now from b\.monitor \(was a\.monitor: the default device changed\)/, 10_000);
  const moved = (Date.now() - t0) / 1000;
  assert.ok(moved <= 2.5, `followed the new default after ${moved} s`);
  await sleep(1500);

  // The device is removed: PulseAudio falls back to another output, and capture goes with it.
  const bModule = pulse.pactl('list', 'short', 'sinks').split('\n').find((l) => l.split('\t')[1] === 'b')!.split('\t')[0];
  const owner = pulse.pactl('list', 'short', 'modules').split('\n').find((l) => /sink_name=b\b/.test(l))!.split('\t')[0];
  assert.ok(bModule);
  t0 = Date.now();
  pulse.pactl('unload-module', owner);
  const after = await waitFor(rec.stderr, /capture: system audio now from (\w+)\.monitor \(was b\.monitor/, 10_000);
  const gone = (Date.now() - t0) / 1000;
  assert.ok(gone <= 2.5, `followed after the device went away in ${gone} s`);
  const fallback = /now from (\w+)\.monitor \(was b\.monitor/.exec(after)![1];
  assert.equal(fallback, pulse.pactl('get-default-sink'));
  await sleep(1500);
  assert.doesNotMatch(stderr, /candor: capture from|stopped/);

  rec.kill('SIGINT');
  assert.equal(await exited(rec), 0, stderr);
  const report = JSON.parse(stdout);
  const notes = (report.notes as string[]).filter((n) => /switched from/.test(n));
  assert.equal(notes.length, 2, JSON.stringify(report.notes));
  assert.match(notes[0], /^system audio switched from a\.monitor to b\.monitor [\d.]+ s into the call \(the default device changed\): a gap of [\d.]+ s, filled with silence$/);
  assert.match(notes[1], new RegExp(`^system audio switched from b\\.monitor to ${fallback}\\.monitor [\\d.]+ s into the call`));
  for (const n of notes) {
    const gap = Number(/a gap of ([\d.]+) s/.exec(n)?.[1] ?? NaN);
    assert.ok(gap >= 0 && gap <= 2, `gap ${gap} s: ${n}`);
  }
});
