// The database's write-ahead log deleted while `candor record` writes it
// (issue 14, corruption). While the recorder runs, every other command
// refuses with a message that says what happened and what to do (stop the
// recorder normally; do not restore), creates no new log beside the one in
// use, and `candor doctor` says the same, as do --restore and --move-aside,
// which refuse. Stopped normally, the recorder writes everything back:
// nothing is lost. A recorder killed after the deletion leaves a file that
// every command opens again, with every call saved before intact.
import assert from 'node:assert/strict';
import { existsSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import { writeWav } from '../../src-main/engine/audio/wav-writer';
import { CallStore } from '../../src-main/engine/store/calls-store';
import { FILLER, saveCallWith } from '../engine/store/support/history';
import { candor, candorAsync } from '../support/cli';
import { sleep, waitFor } from '../support/pulse';
import { TURN_TAKING } from '../support/scenarios';
import { checkDatabaseFile, earlierCallsIntact, exited, exportAll } from '../support/soak';
import { buildCall } from '../support/synth';
import { SHARED_MODELS, tempDir } from '../support/tmp';

const dir = tempDir();
const call = buildCall(TURN_TAKING);
/** The call six times over: long enough to outlast every command below. */
const replay = join(dir, 'long-call.wav');
const six = (x: Float32Array): Float32Array => {
  const out = new Float32Array(x.length * 6);
  for (let i = 0; i < 6; i++) out.set(x, i * x.length);
  return out;
};
writeWav(replay, [six(call.channels[0]), six(call.channels[1])], 16000);
const vtt = join(dir, 'short.vtt');
writeFileSync(vtt, 'WEBVTT\n\n00:00:00.000 --> 00:00:02.000\nAna Lopez: hello there\n\n00:00:02.500 --> 00:00:04.000\nBen Ode: hi Ana\n');

const DELETED = /write-ahead log of the database .* was deleted while/;
const WHAT_TO_DO = /Stop it normally .* writes everything back/;
const NOT_LIKE_THIS = /damaged|unexpected error|\n\s+at |SQLITE_/;

function history(name: string): { env: NodeJS.ProcessEnv; db: string; old: number } {
  const db = join(dir, name);
  const store = new CallStore(db);
  const old = saveCallWith(store, 'before the recording', FILLER);
  store.close();
  return { env: { CANDOR_MODELS_DIR: process.env.CANDOR_MODELS_DIR ?? SHARED_MODELS, CANDOR_HOME: dir, CANDOR_DB: db }, db, old };
}

async function recordAndDeleteLog(env: NodeJS.ProcessEnv, db: string) {
  const rec = candorAsync(['record', '--replay', replay, '--speed', '1', '--title', 'the live one'], env);
  let stderr = '';
  rec.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const started = await waitFor(rec.stderr, /recording call \d+/, 60_000);
  const id = Number(/recording call (\d+)/.exec(started)![1]);
  await sleep(2500); // a few checkpoints in the log
  assert.ok(existsSync(`${db}-wal`));
  unlinkSync(`${db}-wal`);
  return { rec, id, stderr: () => stderr };
}

test('log deleted under a running recorder: every command says so and what to do; stopped normally, nothing is lost', { timeout: 300_000 }, async (t) => {
  const { env, db, old } = history('running.db');
  const before = exportAll(env);
  const { rec, id, stderr } = await recordAndDeleteLog(env, db);
  t.after(() => rec.kill('SIGKILL'));
  const commands = [
    ['history', 'list'], ['history', 'show', String(old)], ['history', 'search', 'roadmap'], ['history', 'export', '--all', '--format', 'json'],
    ['history', 'delete', String(old)], ['analyze', '--transcript', vtt, '--me', 'Ana Lopez', '--save'], ['doctor', '--restore'], ['doctor', '--move-aside'],
  ];
  for (const args of commands) {
    const r = candor(args, env);
    const what = `candor ${args.join(' ')}`;
    assert.equal(r.code, 1, `${what} refuses: ${r.stdout}${r.stderr}`);
    assert.match(r.stderr, DELETED, what);
    assert.match(r.stderr, WHAT_TO_DO, what);
    assert.doesNotMatch(r.stderr, NOT_LIKE_THIS, what);
    assert.equal(existsSync(`${db}-wal`), false, `${what} made no new log beside the one in use`);
    assert.ok(existsSync(db), `${what} left the database where it is`);
  }
  const doctor = candor(['doctor'], env);
  assert.match(doctor.stdout, DELETED);
  assert.match(doctor.stdout, WHAT_TO_DO, 'doctor says what to do');
  assert.doesNotMatch(doctor.stdout, /--restore`|--move-aside`/, 'doctor does not offer to replace the file under the recorder');
  assert.equal(existsSync(`${db}-wal`), false);

  rec.kill('SIGINT');
  await exited(rec);
  assert.equal(rec.exitCode, 0, stderr());
  assert.match(stderr(), new RegExp(`saved as call ${id}`));
  const after = exportAll(env, { quiet: 'after the recorder stopped' });
  earlierCallsIntact(after, before, 'after the recorder stopped');
  const live = JSON.parse(after.get(id)!);
  assert.equal(live.status, 'complete', 'the call recorded through the deleted log is whole');
  assert.ok(live.durationSec > 5, `it holds the whole recording (${live.durationSec} s)`);
  checkDatabaseFile(db, 'after the recorder stopped');
  assert.match(candor(['doctor'], env).stdout, /database .*: ok, schema \d+, 2 call\(s\)/);
});

test('log deleted, then the recorder killed: every command opens the file again, earlier calls intact', { timeout: 300_000 }, async (t) => {
  const { env, db } = history('killed.db');
  const before = exportAll(env);
  const { rec, id } = await recordAndDeleteLog(env, db);
  rec.kill('SIGKILL');
  await exited(rec);
  const listed = candor(['history', 'list', '--json'], env);
  assert.equal(listed.code, 0, listed.stderr);
  assert.doesNotMatch(listed.stderr, NOT_LIKE_THIS);
  const after = exportAll(env);
  earlierCallsIntact(after, before, 'after the kill');
  checkDatabaseFile(db, 'after the kill');
  const doctor = candor(['doctor'], env);
  assert.match(doctor.stdout, /database .*: ok, schema \d+/);
  // What was only in the deleted log is gone with it; whatever reached the file is recovered.
  t.diagnostic(after.has(id) ? `the live call reached the file before the log was deleted: ${JSON.parse(after.get(id)!).status}` : 'the live call was only in the deleted log');
});
