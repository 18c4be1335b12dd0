import { readFileSync } from 'node:fs';
import { librivoxCall, LIBRIVOX_CLIPS, readWav16 } from '../tests/support/timing-calls';
const cache = JSON.parse(readFileSync('/tmp/timing-cache/candor-segs-v1.json', 'utf8'));
const call = librivoxCall({});
const got = cache['librivox clean'];
const x = call.channels[0];
const db = (t: number) => { const i = Math.round(t * 16000); let s = 0; for (let k = 0; k < 160; k++) s += (x[i + k] ?? 0) ** 2; return (10 * Math.log10(s / 160 + 1e-12)).toFixed(0); };
for (let k = 0; k < call.truth.me.length; k++) {
  const [ts, te] = call.truth.me[k]; const [gs, ge] = got.me[k];
  console.log('truth', ts.toFixed(3), te.toFixed(3), 'got', gs.toFixed(3), ge.toFixed(3));
  let line = 'on : '; for (let t = ts - 0.3; t < ts + 0.1; t += 0.01) line += db(t) + ' '; console.log(line);
  line = 'off: '; for (let t = te - 0.1; t < te + 0.3; t += 0.01) line += db(t) + ' '; console.log(line);
}
