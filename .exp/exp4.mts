import { LIBRIVOX_CLIPS, readWav16 } from '../tests/support/timing-calls';
import { extents } from '../tests/support/synth';
for (const f of LIBRIVOX_CLIPS) {
  const x = readWav16(f);
  const lv: number[] = []; for (let i = 0; i + 160 <= x.length; i += 160) { let s = 0; for (let k = 0; k < 160; k++) s += x[i+k]**2; lv.push(10*Math.log10(s/160+1e-12)); }
  const ext = extents(x, 0);
  const head = lv.slice(0, Math.floor(ext[0][0] * 100)); const tail = lv.slice(Math.ceil(ext[ext.length-1][1]*100));
  console.log(f.slice(-8), 'len', (x.length/16000).toFixed(2), 'ext', ext.map(e=>e.map(v=>v.toFixed(2)).join('-')).join(' '), 'head n', head.length, 'max', Math.max(...head.slice(1)).toFixed(0), 'tail max', Math.max(...tail).toFixed(0), 'first 40', lv.slice(0,40).map(v=>v.toFixed(0)).join(' '));
}
