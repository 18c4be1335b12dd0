import { readMono16k } from '../src-main/engine/audio/read-whole';
import { readRttm } from '../tests/support/frame-scores';
import { MEETING_FILES, MEETING_REFS } from '../tests/support/timing-figures';
import { subtract } from '../src-main/engine/metrics/spans';
import { probs, segs } from './meet.mts';
const refs = new Map([...readRttm(MEETING_REFS[0]), ...readRttm(MEETING_REFS[2])]);
for (const i of [0, 1, 2, 3]) {
  const x = await readMono16k(MEETING_FILES[i]); const id = MEETING_FILES[i].slice(-9, -4);
  const p = await probs(x, `g1-${i}`, (x) => x);
  const got = segs(x, p, 0.3, 0.2, true);
  const miss = subtract(refs.get(id)!, got); const fa = subtract(got, refs.get(id)!);
  const desc = ([a, b]: number[]) => { let m = 0; for (let k = Math.floor(a / 0.032); k < b / 0.032 && k < p.length; k++) m = Math.max(m, p[k]); let e = 0, pk = 0; for (let k = Math.round(a * 16000); k < Math.round(b * 16000); k++) { e += x[k] ** 2; } const lv = []; for (let t = a; t < b; t += 0.05) { let s = 0; for (let k = Math.round(t * 16000); k < Math.round((t + 0.05) * 16000); k++) s += x[k] ** 2; lv.push((10 * Math.log10(s / 800 + 1e-12)).toFixed(0)); } return `${a.toFixed(2)}-${b.toFixed(2)} pmax ${m.toFixed(2)} lv ${lv.slice(0, 30).join(',')}`; };
  console.log(id, 'MISS'); miss.filter(([a, b]) => b - a > 0.1).forEach((s) => console.log('  ', desc(s)));
  console.log(id, 'FA'); fa.filter(([a, b]) => b - a > 0.1).forEach((s) => console.log('  ', desc(s)));
}
