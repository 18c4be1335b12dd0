import { readMono16k } from '../src-main/engine/audio/read-whole';
import { MEETING_FILES } from '../tests/support/timing-figures';
import { probs, segs } from './meet.mts';
for (const i of [0, 3]) {
  const x = await readMono16k(MEETING_FILES[i]);
  const p = await probs(x, `g1-${i}`, (x) => x);
  console.log(MEETING_FILES[i], segs(x, p, 0.3, 0.2, true).map(([a, b]) => `${a.toFixed(2)}-${b.toFixed(2)}`).join(' '));
  let line = '';
  for (let s = 0; s < 30; s += 0.5) { const f0 = Math.round(s / 0.032); let m = 0; let e = 0; for (let k = f0; k < f0 + 16 && k < p.length; k++) m = Math.max(m, p[k]); for (let k = Math.round(s * 16000); k < Math.round((s + 0.5) * 16000); k++) e += x[k] ** 2; line += `${s.toFixed(1)}:${m.toFixed(2)}/${(10 * Math.log10(e / 8000 + 1e-12)).toFixed(0)} `; }
  console.log(line);
}
