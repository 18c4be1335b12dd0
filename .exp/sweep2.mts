import { readMono16k } from '../src-main/engine/audio/read-whole';
import { VAD_FRAME } from '../src-main/engine/vad/silero-vad';
import { EdgeRefiner } from '../src-main/engine/segments/edge-refiner';
import { Segmenter } from '../src-main/engine/segments/segmenter';
import { frameCounts, pool, readRttm, readUem, scores } from '../tests/support/frame-scores';
import { MEETING_FILES, MEETING_REFS } from '../tests/support/timing-figures';
import { probs } from './meet.mts';
const refs = new Map([...readRttm(MEETING_REFS[0]), ...readRttm(MEETING_REFS[2])]);
const uems = new Map([...readUem(MEETING_REFS[1]), ...readUem(MEETING_REFS[3])]);
const xs = await Promise.all(MEETING_FILES.map((f) => readMono16k(f)));
const ps = await Promise.all(xs.map((x, i) => probs(x, `g1-${i}`, (x) => x)));
function segs(x: Float32Array, p: Float32Array, on: number, off: number, lowOn: number, lowOff: number, snrDb: number, minSeg: number) {
  const r = new EdgeRefiner(); const s = new Segmenter('them', minSeg); let sp = false; let floor = -1; const rise = 10 ** (3 * 0.032 / 10); const S = 10 ** (snrDb / 10);
  for (let i = 0; i < p.length; i++) {
    const fr = x.subarray(i * VAD_FRAME, (i + 1) * VAD_FRAME); if (fr.length < VAD_FRAME) break;
    let e = 0; for (let k = 0; k < fr.length; k++) e += fr[k] ** 2; e /= fr.length;
    if (floor < 0) floor = Math.max(1e-9, e);
    const loud = e >= floor * S;
    if (!sp && (p[i] >= on || (loud && p[i] >= lowOn))) sp = true;
    else if (sp && p[i] < off && !(loud && p[i] >= lowOff)) sp = false;
    if (e < floor) floor = Math.max(1e-9, e); else if (!sp) floor *= rise;
    for (const q of r.push(fr, sp)) s.push(q.t0, q.t1, q.speech, q.syllables);
  }
  for (const q of r.flush()) s.push(q.t0, q.t1, q.speech, q.syllables);
  s.finish(); return s.spans();
}
const cfgs: number[][] = [];
for (const [on, off] of [[0.25, 0.15], [0.2, 0.1]]) cfgs.push([on, off, on, off, 99, 0.25]);
for (const c of cfgs) {
  const cs = xs.map((x, i) => { const id = MEETING_FILES[i].slice(-9, -4); return frameCounts(segs(x, ps[i], c[0], c[1], c[2], c[3], c[4], c[5]), refs.get(id)!, uems.get(id)!); });
  const pooled = scores(pool(cs));
  console.log(c.join(' '), 'P', pooled.precision.toFixed(3), 'R', pooled.recall.toFixed(3), 'F', pooled.f1.toFixed(3), cs.map((c) => { const s = scores(c); return `${s.precision.toFixed(2)}/${s.recall.toFixed(2)}/${s.f1.toFixed(2)}`; }).join(' '));
}
