import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BAND_COUNT, BandAnalyzer, FFT_SIZE } from '../../../src-main/engine/dsp/band-energies';

/** The band powers by the definition: a direct DFT of the Hann-windowed frame. */
function directBands(frame: Float32Array, edges: number[]): Float64Array {
  const out = new Float64Array(BAND_COUNT);
  const x = Array.from(frame, (v, i) => v * (0.5 - 0.5 * Math.cos((2 * Math.PI * i) / FFT_SIZE)));
  for (let b = 0; b < BAND_COUNT; b++) {
    let p = 0;
    for (let k = edges[b]; k < edges[b + 1]; k++) {
      let re = 0;
      let im = 0;
      for (let n = 0; n < FFT_SIZE; n++) {
        re += x[n] * Math.cos((2 * Math.PI * k * n) / FFT_SIZE);
        im -= x[n] * Math.sin((2 * Math.PI * k * n) / FFT_SIZE);
      }
      p += re * re + im * im;
    }
    out[b] = p / ((edges[b + 1] - edges[b]) * FFT_SIZE);
  }
  return out;
}

test('band powers equal a direct DFT of the windowed frame (noise, tones, a click)', () => {
  const a = new BandAnalyzer(16000);
  let seed = 7;
  const rnd = (): number => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32) - 0.5;
  const frames = [
    Float32Array.from({ length: FFT_SIZE }, () => rnd()),
    Float32Array.from({ length: FFT_SIZE }, (_, i) => 0.3 * Math.sin((2 * Math.PI * 440 * i) / 16000) + 0.1 * Math.cos((2 * Math.PI * 3100 * i) / 16000)),
    Float32Array.from({ length: FFT_SIZE }, (_, i) => (i === 200 ? 1 : 0)),
  ];
  const out = new Float64Array(BAND_COUNT);
  for (const f of frames) {
    a.analyze(f, out);
    const want = directBands(f, a.edges);
    for (let b = 0; b < BAND_COUNT; b++) {
      assert.ok(Math.abs(out[b] - want[b]) <= 1e-9 * Math.max(1e-12, ...want), `band ${b}: ${out[b]} vs ${want[b]}`);
    }
  }
});

test('a tone puts its power in the band that holds its frequency', () => {
  const a = new BandAnalyzer(16000);
  const out = new Float64Array(BAND_COUNT);
  const hz = 1000;
  a.analyze(Float32Array.from({ length: FFT_SIZE }, (_, i) => Math.sin((2 * Math.PI * hz * i) / 16000)), out);
  const bin = (hz / 16000) * FFT_SIZE;
  const band = a.edges.findIndex((e, i) => e <= bin && bin < a.edges[i + 1]);
  assert.equal(out.indexOf(Math.max(...out)), band);
});
