// PulseSource against a real PulseAudio daemon: parec writes into a pipe
// that the session reads on its analysis tick. A reader that stalls for
// seconds finds the audio waiting in the pipe: nothing is padded, and every
// turn stays where it was said.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import test from 'node:test';
import { writeWav } from '../../../src-main/engine/audio/wav-writer';
import { PulseSource } from '../../../src-main/engine/capture/pulse';
import { LiveSession } from '../../../src-main/engine/live/live-session';
import { analyzeCall } from '../../../src-main/engine/pipeline/analyze-call';
import { openStoreWorker } from '../../../src-main/engine/store/worker/store-client';
import { play, sleep, startPulse } from '../../support/pulse';
import { TURN_TAKING } from '../../support/scenarios';
import { buildCall, RATE } from '../../support/synth';
import { SHARED_MODELS, tempDir } from '../../support/tmp';

process.env.CANDOR_MODELS_DIR ??= SHARED_MODELS;
const STALL_MS = 4000;

test('a 4 s stall of the reader during real PulseAudio capture is caught up from the pipe, not padded', { timeout: 120_000 }, async (t) => {
  const rig = startPulse();
  const dir = tempDir();
  const me = buildCall(TURN_TAKING).channels[0].subarray(0, 16 * RATE);
  const file = join(dir, 'me.wav');
  writeWav(file, [me], RATE);
  const offline = (await analyzeCall({ file, side: 'me' })).report;

  const store = await openStoreWorker(join(dir, 'pulse-stall.db'));
  try {
    const source = new PulseSource('me', `${rig.micSink}.monitor`);
    const session = new LiveSession({ store, sources: [source] });
    await session.start();
    const playing = play(file, rig.micSink);
    // Three seconds into the speech, block this thread for four: parec goes on writing meanwhile.
    await sleep(3000);
    const until = performance.now() + STALL_MS;
    while (performance.now() < until) {
      // the reader is stalled
    }
    await playing;
    await sleep(1000);
    const report = await session.stop();

    const live = report.segments.me;
    const truth = offline.segments.me;
    t.diagnostic(`segments live ${JSON.stringify(live)} offline ${JSON.stringify(truth)}; notes ${JSON.stringify(report.notes)}`);
    assert.equal(live.length, truth.length, 'the same turns: none cut in two by a stretch of silence');
    // The file starts playing a moment after the call does; that offset is the only one.
    const shifts = live.map(([a], i) => a - truth[i][0]);
    assert.ok(Math.max(...shifts) - Math.min(...shifts) <= 0.1, `turns shifted unevenly: ${shifts.map((x) => x.toFixed(2)).join(', ')}`);
    assert.ok(!(report.notes ?? []).some((n) => /silence were filled in/.test(n)), `silence was invented: ${JSON.stringify(report.notes)}`);
  } finally {
    await store.close();
  }
});
