// The edge refiner on known signals: a burst of sound whose VAD decisions
// start late and end late (Silero's frames and hangover) comes out with its
// edges on the sound; the other side's leak is never claimed; decisions
// leave with the stated look-behind.
import assert from 'node:assert/strict';
import test from 'node:test';
import { EDGE_LOOK_BEHIND_SEC, EdgeRefiner, type DecisionRun } from '../../../src-main/engine/segments/edge-refiner';
import { rng } from '../../support/rng';

const R = 16000;
const FRAME = 512;
const FRAME_SEC = FRAME / R;

/** Noise at -70 dBFS with a 300 Hz tone at -20 dBFS between on and off seconds. */
function signal(sec: number, on: number, off: number): Float32Array {
  const r = rng(5);
  const x = new Float32Array(Math.round(sec * R));
  for (let i = 0; i < x.length; i++) {
    const t = i / R;
    x[i] = (r() * 2 - 1) * 5e-4 + (t >= on && t < off ? 0.14 * Math.sin(2 * Math.PI * 300 * t) : 0);
  }
  return x;
}

function run(x: Float32Array, decide: (t0: number) => boolean, foreign: (t0: number) => boolean = () => false): { runs: DecisionRun[]; maxLagSec: number } {
  const r = new EdgeRefiner();
  const runs: DecisionRun[] = [];
  let maxLagSec = 0;
  for (let f = 0; (f + 1) * FRAME <= x.length; f++) {
    const t0 = f * FRAME_SEC;
    const out = r.push(x.subarray(f * FRAME, (f + 1) * FRAME), decide(t0), 0, foreign(t0));
    runs.push(...out);
    const done = runs.length ? runs[runs.length - 1].t1 : 0;
    maxLagSec = Math.max(maxLagSec, t0 + FRAME_SEC - done);
  }
  runs.push(...r.flush());
  return { runs, maxLagSec };
}

/** Speech as spans (runs handed over in different calls may continue each other). */
function speechSpans(runs: DecisionRun[]): [number, number][] {
  const out: [number, number][] = [];
  for (const r of runs) {
    if (!r.speech) continue;
    const last = out[out.length - 1];
    if (last && Math.abs(last[1] - r.t0) < 1e-9) last[1] = r.t1;
    else out.push([r.t0, r.t1]);
  }
  return out;
}

test('a late onset and a hangover move onto the sound', () => {
  const x = signal(4, 1.003, 2.51);
  // the VAD turns on two frames late and holds four frames past the end
  const { runs } = run(x, (t) => t >= 1.003 + 2 * FRAME_SEC && t < 2.51 + 4 * FRAME_SEC);
  const spans = speechSpans(runs);
  assert.equal(spans.length, 1, JSON.stringify(spans));
  assert.ok(Math.abs(spans[0][0] - 1.003) <= 0.008, `onset ${spans[0][0]}`);
  assert.ok(Math.abs(spans[0][1] - 2.51) <= 0.008, `offset ${spans[0][1]}`);
  // runs tile the stream without gaps
  runs.forEach((r, i) => i > 0 && assert.ok(Math.abs(r.t0 - runs[i - 1].t1) < 1e-9));
});

test('an early offset extends over sound still going on, by at most 0.1 s', () => {
  const x = signal(4, 1.0, 2.5);
  const early = run(x, (t) => t >= 1.0 && t < 2.45);
  assert.ok(Math.abs(speechSpans(early.runs)[0][1] - 2.5) <= 0.008, JSON.stringify(speechSpans(early.runs)));
  const veryEarly = run(x, (t) => t >= 1.0 && t < 2.2);
  assert.ok(Math.abs(speechSpans(veryEarly.runs)[0][1] - 2.3) <= 0.033, JSON.stringify(speechSpans(veryEarly.runs)));
});

test('sound marked foreign (the other side leaking into the mic) is not claimed', () => {
  const x = signal(4, 0.6, 2.5);
  // their leak is the sound from 0.6 s; my speech is decided from 1.0 s
  const { runs } = run(x, (t) => t >= 1.0 && t < 2.5, (t) => t < 1.0);
  const firstFrame = Math.ceil(1.0 / FRAME_SEC) * FRAME_SEC;
  assert.ok(Math.abs(speechSpans(runs)[0][0] - firstFrame) < 1e-9, JSON.stringify(speechSpans(runs)));
});

test('decisions leave with a fixed look-behind', () => {
  const x = signal(6, 1.0, 3.0);
  const { maxLagSec } = run(x, (t) => t >= 1.05 && t < 3.1);
  assert.ok(maxLagSec <= EDGE_LOOK_BEHIND_SEC + 0.05, `lag ${maxLagSec}`);
});
