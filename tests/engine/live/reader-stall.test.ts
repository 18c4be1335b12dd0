// A stall of the reader is not silence (issue 13): when the thread that
// reads capture is blocked for seconds, the device's audio waits in its
// buffer and is caught up when the thread runs again. Nothing is padded,
// and every later moment of the call stays where it was said.
import assert from 'node:assert/strict';
import test from 'node:test';
import { LiveSession } from '../../../src-main/engine/live/live-session';
import { analyzeCall } from '../../../src-main/engine/pipeline/analyze-call';
import { openStoreWorker } from '../../../src-main/engine/store/worker/store-client';
import { writeWav } from '../../../src-main/engine/audio/wav-writer';
import { PipeSource } from '../../support/pipe-source';
import { TURN_TAKING } from '../../support/scenarios';
import { buildCall, RATE } from '../../support/synth';
import { SHARED_MODELS, tempDir } from '../../support/tmp';
import { join } from 'node:path';

process.env.CANDOR_MODELS_DIR ??= SHARED_MODELS;
const STALL_MS = 4000;

test('a 4 s stall of the reader is caught up from the buffered audio, not padded with silence', { timeout: 120_000 }, async (t) => {
  const dir = tempDir();
  const me = buildCall(TURN_TAKING).channels[0].subarray(0, 16 * RATE);
  const file = join(dir, 'me.wav');
  writeWav(file, [me], RATE);
  const offline = (await analyzeCall({ file, side: 'me' })).report;

  const store = await openStoreWorker(join(dir, 'stall.db'));
  try {
    const session = new LiveSession({ store, sources: [new PipeSource('me', me, dir)] });
    const ended = new Promise((r) => session.once('source-end', r));
    await session.start();
    // Three seconds in, block this thread for four seconds: what a long SQL statement on the live thread did.
    // It runs as an I/O callback would (after it, the event loop runs its due timers before it reads the pipes).
    await new Promise((r) => setTimeout(r, 3000));
    await new Promise<void>((r) => setImmediate(() => {
      const until = performance.now() + STALL_MS;
      while (performance.now() < until) {
        // the reader is stalled
      }
      r();
    }));
    await ended;
    const report = await session.stop();

    const live = report.segments.me;
    const truth = offline.segments.me;
    const invented = report.durationSec - offline.durationSec;
    t.diagnostic(`live ${report.durationSec} s for ${offline.durationSec} s of audio; segments live ${JSON.stringify(live)} offline ${JSON.stringify(truth)}`);
    assert.equal(live.length, truth.length, 'the same turns: none cut in two by a stretch of silence');
    // The device starts a moment after the call does (the recorder process
    // starting); that offset is the only one: every turn, before and after
    // the stall, is where it was said, and no silence was added elsewhere.
    const shifts = live.map(([a], i) => a - truth[i][0]);
    assert.ok(Math.max(...shifts) - Math.min(...shifts) <= 0.1, `turns shifted unevenly: ${shifts.map((x) => x.toFixed(2)).join(', ')}`);
    assert.ok(Math.abs(invented - shifts[0]) <= 0.1, `${invented.toFixed(2)} s added to the call, ${shifts[0].toFixed(2)} s of it before the first word`);
  } finally {
    await store.close();
  }
});
