// Several `candor` processes on one database while a call is recorded
// (issue 14, defects 9 and 20): a delete from another process, with its
// VACUUM, and `history delete --all` never end the live call or lose any of
// it; a second recorder is refused with a clear message; nobody is shown
// SQLITE_BUSY or DB_LOCKED. Real processes on a real SQLite file.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import test from 'node:test';
import { CallStore } from '../../src-main/engine/store/calls-store';
import { candor, candorAsync } from '../support/cli';
import { fillHistory } from '../support/history-db';
import { waitFor } from '../support/pulse';
import { TURN_TAKING } from '../support/scenarios';
import { buildCall, writeCall } from '../support/synth';
import { SHARED_MODELS, tempDir } from '../support/tmp';

const dir = tempDir();
const baseEnv = { CANDOR_MODELS_DIR: process.env.CANDOR_MODELS_DIR ?? SHARED_MODELS, CANDOR_HOME: dir };
const call = buildCall(TURN_TAKING);
const file = join(dir, 'call.wav');
writeCall(file, call);
const NO_LOCK_TALK = /SQLITE_BUSY|SQLITE_LOCKED|DB_LOCKED|is locked|unexpected error/;

function recorder(env: NodeJS.ProcessEnv, title: string) {
  const rec = candorAsync(['record', '--replay', file, '--speed', '1', '--json', '--title', title], env);
  const out = { stdout: '', stderr: '' };
  rec.stdout.on('data', (d: Buffer) => (out.stdout += d.toString()));
  rec.stderr.on('data', (d: Buffer) => (out.stderr += d.toString()));
  const exited = new Promise<number | null>((r) => rec.on('close', r));
  return { rec, out, exited };
}

test('history delete (with its VACUUM) and delete --all from other processes during record: the call goes on, whole', { timeout: 240_000 }, async (t) => {
  const env = { ...baseEnv, CANDOR_DB: join(dir, 'busy.db') };
  const seed = new CallStore(env.CANDOR_DB);
  const old = fillHistory(seed, { calls: 120, segments: 300, utterances: 150 });
  seed.close();

  const a = recorder(env, 'the live one');
  await waitFor(a.rec.stderr, /recording call \d+/);
  const liveId = Number(/recording call (\d+)/.exec(a.out.stderr)![1]);

  const t0 = Date.now();
  const one = candor(['history', 'delete', String(old[0])], env);
  const oneMs = Date.now() - t0;
  assert.equal(one.code, 0, one.stderr);
  const refused = candor(['history', 'delete', String(liveId)], env);
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, new RegExp(`call ${liveId} is being recorded\\n.*Stop the call first`));
  const all = candor(['history', 'delete', '--all'], env);
  assert.equal(all.code, 0, all.stderr);
  assert.match(all.stderr, new RegExp(`deleted ${old.length - 1} call\\(s\\)`));
  assert.match(all.stderr, new RegExp(`kept call ${liveId}: it is being recorded right now`));
  t.diagnostic(`delete of one call from another process: ${oneMs} ms (VACUUM included)`);

  assert.equal(await a.exited, 0, a.out.stderr);
  for (const r of [one, refused, all]) assert.doesNotMatch(r.stderr, NO_LOCK_TALK);
  assert.doesNotMatch(a.out.stderr, NO_LOCK_TALK);
  assert.doesNotMatch(a.out.stderr, /capture stopped|could not save/);
  const report = JSON.parse(a.out.stdout);
  assert.equal(report.callId, liveId);
  assert.equal(report.metrics.patienceSec.count, 3, 'every turn of the recording is in the call');
  const left = JSON.parse(candor(['history', 'list', '--json'], env).stdout);
  assert.deepEqual(left.map((c: { id: number }) => c.id), [liveId], 'only the live call is left');
  assert.equal(left[0].status, 'complete');
  assert.ok(Math.abs(left[0].durationSec - call.durationSec) < 0.1, `${left[0].durationSec} s stored of ${call.durationSec} s`);
});

test('a second recorder on the same database is refused; the first goes on', { timeout: 240_000 }, async () => {
  const env = { ...baseEnv, CANDOR_DB: join(dir, 'two.db') };
  const a = recorder(env, 'first');
  await waitFor(a.rec.stderr, /recording call \d+/);
  const b = recorder(env, 'second');
  assert.equal(await b.exited, 1, b.out.stderr);
  assert.match(b.out.stderr, /candor: another Candor is already recording a call \(call \d+\) into .*two\.db\n {2}Finish that call first/);
  assert.doesNotMatch(b.out.stderr, NO_LOCK_TALK);
  assert.equal(await a.exited, 0, a.out.stderr);
  const calls = JSON.parse(candor(['history', 'list', '--json'], env).stdout);
  assert.deepEqual(calls.map((c: { title: string; status: string }) => [c.title, c.status]), [['first', 'complete']], 'the refused recorder left nothing behind');
});
