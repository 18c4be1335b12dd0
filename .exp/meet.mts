import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { readMono16k } from '../src-main/engine/audio/read-whole';
import { SileroVad, VAD_FRAME, VAD_FRAME_SEC, Hysteresis } from '../src-main/engine/vad/silero-vad';
import { EdgeRefiner } from '../src-main/engine/segments/edge-refiner';
import { Segmenter } from '../src-main/engine/segments/segmenter';
import { frameCounts, pool, readRttm, readUem, scores } from '../tests/support/frame-scores';
import { MEETING_FILES, MEETING_REFS } from '../tests/support/timing-figures';
process.env.CANDOR_MODELS_DIR = '/work/shared/models';
export async function probs(x: Float32Array, key: string, pre: (x: Float32Array) => Float32Array): Promise<Float32Array> {
  const f = `/tmp/timing-cache/probs-${key}.bin`;
  if (existsSync(f)) { const b = readFileSync(f); return new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength)); }
  const y = pre(x); const vad = await SileroVad.create(1); const n = Math.ceil(y.length / VAD_FRAME); const out = new Float32Array(n); const buf = new Float32Array(VAD_FRAME);
  for (let i = 0; i < n; i++) { buf.fill(0); buf.set(y.subarray(i * VAD_FRAME, (i + 1) * VAD_FRAME)); out[i] = (await vad.process([buf]))[0]; }
  writeFileSync(f, Buffer.from(out.buffer)); return out;
}
export function segs(x: Float32Array, p: Float32Array, on: number, off: number, refine = true) {
  const h = new Hysteresis(on, off); const r = new EdgeRefiner(); const s = new Segmenter('them');
  for (let i = 0; i < p.length; i++) { const sp = h.step(p[i]); const fr = x.subarray(i * VAD_FRAME, (i + 1) * VAD_FRAME); if (refine && fr.length === VAD_FRAME) { for (const q of r.push(fr, sp)) s.push(q.t0, q.t1, q.speech, q.syllables); } else s.push(i * VAD_FRAME_SEC, (i + 1) * VAD_FRAME_SEC, sp); }
  if (refine) for (const q of r.flush()) s.push(q.t0, q.t1, q.speech, q.syllables);
  s.finish(); return s.spans();
}
const refs = new Map([...readRttm(MEETING_REFS[0]), ...readRttm(MEETING_REFS[2])]);
const uems = new Map([...readUem(MEETING_REFS[1]), ...readUem(MEETING_REFS[3])]);
const gains = (process.env.G ?? '1').split(',').map(Number);
const xs = await Promise.all(MEETING_FILES.map((f) => readMono16k(f)));
for (const g of gains) {
  const ps = await Promise.all(xs.map((x, i) => probs(x, `g${g}-${i}`, (x) => Float32Array.from(x, (v) => Math.max(-1, Math.min(1, v * g))))));
  for (const [on, off] of (process.env.T ?? '0.5,0.35').split(';').map((t) => t.split(',').map(Number))) {
    for (const refine of [false, true]) {
      const cs = xs.map((x, i) => { const id = MEETING_FILES[i].slice(-9, -4); return frameCounts(segs(x, ps[i], on, off, refine), refs.get(id)!, uems.get(id)!); });
      const pooled = scores(pool(cs));
      console.log(`g${g} on${on} off${off} refine${refine}`, 'P', pooled.precision.toFixed(3), 'R', pooled.recall.toFixed(3), 'F', pooled.f1.toFixed(3), cs.map((c) => { const s = scores(c); return `${s.precision.toFixed(2)}/${s.recall.toFixed(2)}/${s.f1.toFixed(2)}`; }).join(' '));
    }
  }
}
