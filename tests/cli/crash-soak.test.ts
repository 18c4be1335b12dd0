// Crash soak: `candor record` is killed with SIGKILL at random moments, 20
// times in a row against a real PulseAudio daemon, restarting each time.
// After every kill:
// every earlier call is intact byte for byte in its export, the interrupted
// call is recovered and marked, and at most about a second of it is lost.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import test, { after } from 'node:test';
import { writeTurnTakingFiles } from '../support/call-files';
import { candor, candorAsync } from '../support/cli';
import { sleep, startPulse, waitFor } from '../support/pulse';
import { rng } from '../support/rng';
import { earlierCallsIntact, exited, exportAll } from '../support/soak';
import { SHARED_MODELS, tempDir } from '../support/tmp';

const KILLS = Number(process.env.CANDOR_SOAK_KILLS ?? 20);
const SEED = 0x50a4;
/** What a checkpoint a second may lose, plus the time from the status line to the first audio. */
const MAX_LOST_SEC = 1.5;

const rig = startPulse();
const dir = tempDir();
const env = { CANDOR_MODELS_DIR: process.env.CANDOR_MODELS_DIR ?? SHARED_MODELS, CANDOR_HOME: dir, CANDOR_DB: join(dir, 'soak.db') };
const { me, them, both } = writeTurnTakingFiles(dir);

/** The call goes on in the background for the whole soak: both sides loop their audio. */
function loopInto(file: string, sink: string): ChildProcess {
  return spawn('sh', ['-c', `while :; do paplay --device=${sink} ${file} || exit 0; done`], { stdio: 'ignore', detached: true });
}
const loops = [loopInto(me, rig.micSink), loopInto(them, rig.themSink)];
/** Recorders still running when a check fails: killed, so that no later test sees them. */
const running = new Set<ChildProcess>();
after(() => {
  for (const r of running) r.kill('SIGKILL');
  for (const l of loops) {
    try {
      process.kill(-l.pid!, 'SIGKILL');
    } catch {
      // gone
    }
  }
});

interface Listed { id: number; title: string; source: string; status: string; recovered: boolean; durationSec: number }

function list(): { calls: Listed[]; stderr: string } {
  const r = candor(['history', 'list', '--json'], env);
  assert.equal(r.code, 0, r.stderr);
  return { calls: JSON.parse(r.stdout), stderr: r.stderr };
}

test(`kill -9 of record ${KILLS} times at random moments: nothing earlier changes, each call is recovered, at most ~1 s lost`, async (t) => {
  t.after(() => {
    for (const r of running) r.kill('SIGKILL');
  });
  const random = rng(SEED);
  assert.equal(candor(['analyze', both, '--save', '--title', 'before the soak'], env).code, 0);
  const exports = exportAll(env);
  let maxLost = 0;
  let recovered = 0;
  for (let i = 0; i < KILLS; i++) {
    const spawned = Date.now();
    const rec = candorAsync(['record', ...rig.args], env);
    running.add(rec);
    const started = await waitFor(rec.stderr!, /recording call \d+/, 60_000);
    const t0 = Date.now();
    const id = Number(/recording call (\d+)/.exec(started)![1]);
    const lifeMs = 300 + Math.floor(random() * 3700); // 0.3-4 s: before, at and after the first checkpoints
    await sleep(lifeMs);
    const elapsed = (Date.now() - t0) / 1000;
    rec.kill('SIGKILL');
    await exited(rec);
    running.delete(rec);

    const { calls, stderr } = list();
    assert.match(stderr, /recovered 1 interrupted call/, `kill ${i + 1}`);
    const c = calls.find((x) => x.id === id);
    assert.ok(c, `kill ${i + 1}: call ${id} is in the history`);
    assert.equal(c.status, 'recovered', `kill ${i + 1}`);
    assert.equal(c.recovered, true);
    const lost = elapsed - c.durationSec;
    maxLost = Math.max(maxLost, lost);
    assert.ok(lost <= MAX_LOST_SEC, `kill ${i + 1} after ${elapsed.toFixed(2)} s: recovered ${c.durationSec} s (lost ${lost.toFixed(2)} s)`);
    // Capture starts before the status line: never more than the process lived.
    const lived = (Date.now() - spawned) / 1000;
    assert.ok(c.durationSec <= lived, `kill ${i + 1}: recovered ${c.durationSec} s, more than the ${lived.toFixed(2)} s the recorder lived`);
    recovered++;

    const now = exportAll(env);
    earlierCallsIntact(now, exports, `kill ${i + 1}`);
    exports.set(id, now.get(id)!);
  }
  console.log(`# crash soak: ${recovered}/${KILLS} kills recovered, max lost ${maxLost.toFixed(2)} s`);
});
