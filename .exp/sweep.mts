import { readMono16k } from '../src-main/engine/audio/read-whole';
import { frameCounts, pool, readRttm, readUem, scores } from '../tests/support/frame-scores';
import { MEETING_FILES, MEETING_REFS } from '../tests/support/timing-figures';
import { probs, segs } from './meet.mts';
const refs = new Map([...readRttm(MEETING_REFS[0]), ...readRttm(MEETING_REFS[2])]);
const uems = new Map([...readUem(MEETING_REFS[1]), ...readUem(MEETING_REFS[3])]);
const xs = await Promise.all(MEETING_FILES.map((f) => readMono16k(f)));
const ps = await Promise.all(xs.map((x, i) => probs(x, `g1-${i}`, (x) => x)));
for (const [on, off] of [[0.5, 0.35], [0.4, 0.25], [0.3, 0.2], [0.25, 0.15], [0.2, 0.1], [0.15, 0.08], [0.1, 0.05]]) {
  const sp = xs.map((x, i) => segs(x, ps[i], on, off, true));
  for (const minLen of [0.25, 0.15, 0.1]) {
    const cs = xs.map((x, i) => { const id = MEETING_FILES[i].slice(-9, -4); return frameCounts(sp[i].filter(([a, b]) => b - a >= minLen), refs.get(id)!, uems.get(id)!); });
    const pooled = scores(pool(cs));
    console.log(`on${on} off${off} min${minLen}`, 'P', pooled.precision.toFixed(3), 'R', pooled.recall.toFixed(3), 'F', pooled.f1.toFixed(3), cs.map((c) => { const s = scores(c); return `${s.precision.toFixed(2)}/${s.recall.toFixed(2)}/${s.f1.toFixed(2)}`; }).join(' '));
  }
}
