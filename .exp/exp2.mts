import { writeFileSync, existsSync, readFileSync } from 'node:fs';
import { candorSegments } from '../tests/support/detectors';
import { espeakCalls, librivoxCalls, loudBleedCall } from '../tests/support/timing-calls';
import { edgeErrors, mergeErrors, summarise } from '../tests/support/boundary-errors';
process.env.CANDOR_MODELS_DIR = '/work/shared/models';
const calls = [...espeakCalls(), ...librivoxCalls(), { name: 'loud bleed', call: loudBleedCall() }];
const cacheF = '/tmp/timing-cache/candor-segs-v1.json';
const cache: Record<string, any> = existsSync(cacheF) ? JSON.parse(readFileSync(cacheF, 'utf8')) : {};
const key = (name: string, c: any) => { let h = 0; for (let i = 0; i < c.channels[0].length; i += 97) h = (h * 31 + Math.round(c.channels[0][i] * 1e6) + Math.round(c.channels[1][i] * 1e6)) | 0; return name + ':' + h; };
for (const { name, call } of calls) cache[key(name, call)] ??= await candorSegments(call.channels);
writeFileSync(cacheF, JSON.stringify(cache));
const W = 128, R = 16000;
function energies(x: Float32Array) { const n = Math.floor(x.length / W); const e = new Float64Array(n); for (let i = 0; i < n; i++) { let s = 0; for (let k = 0; k < W; k++) s += x[i*W+k]**2; e[i] = s / W; } return e; }
function floorTrack(e: Float64Array, riseDbPerSec: number) { const f = new Float64Array(e.length); let fl = Math.max(e[0], 1e-10); const up = 10 ** (riseDbPerSec * (W / R) / 10); for (let i = 0; i < e.length; i++) { fl = Math.max(1e-10, Math.min(e[i], fl * up)); f[i] = fl; } return f; }
const P = { floorDb: Number(process.argv[2] ?? 12), relDb: Number(process.argv[3] ?? 40), back: Number(process.argv[4] ?? 0.3), trim: 0.3, ext: 0.1, rise: 3 };
function refine(spans: [number, number][], x: Float32Array) {
  const e = energies(x); const f = floorTrack(e, P.rise);
  return spans.map(([s, t]) => {
    const i0 = Math.round(s * R / W), i1 = Math.round(t * R / W);
    let peak = 0; for (let i = i0; i < Math.min(i1, e.length); i++) peak = Math.max(peak, e[i]);
    const thr = (i: number) => Math.max(f[Math.max(0, i0 - 1)] * 10 ** (P.floorDb / 10), peak * 10 ** (-P.relDb / 10));
    let a = i0; const minA = Math.max(0, i0 - Math.round(P.back * R / W));
    while (a > minA && e[a - 1] > thr(a - 1)) a--;
    if (a === i0) { const maxA = Math.min(i1 - 1, i0 + 8); while (a < maxA && e[a] <= thr(a)) a++; }
    let b = i1; const minB = Math.max(a + 1, i1 - Math.round(P.trim * R / W));
    while (b > minB && e[b - 1] <= thr(b - 1)) b--;
    if (b === i1) { const maxB = Math.min(e.length, i1 + Math.round(P.ext * R / W)); while (b < maxB && e[b] > thr(b)) b++; }
    return [a * W / R, b * W / R] as [number, number];
  });
}
const all: any[] = [];
for (const { name, call } of calls) {
  const got = cache[key(name, call)];
  const ref = { me: refine(got.me, call.channels[0]), them: refine(got.them, call.channels[1]) };
  const e = edgeErrors(ref, call.truth); all.push(e);
  if (process.env.V) console.log(name.padEnd(36), 'on', JSON.stringify(summarise(e.onset)), 'off', JSON.stringify(summarise(e.offset)), e.missed, e.extra);
}
const m = mergeErrors(all); console.log(JSON.stringify(P), 'onset', JSON.stringify(summarise(m.onset)), 'offset', JSON.stringify(summarise(m.offset)), m.missed, m.extra);
