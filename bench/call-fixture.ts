// The benchmark call: one hour, two channels, assembled from the real
// meeting recordings in ../shared/data (AMI excerpts, the pyannote sample,
// jfk) as alternating turns with pauses, their voice leaking into my mic
// (-14 dB, 25 ms) as on a laptop without headphones. Written block by block
// so the bench itself stays small.
import { closeSync, existsSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { readMono16k } from '../src-main/engine/audio/read-whole';
import { pcm16, wavHeader } from '../src-main/engine/audio/wav-writer';

const RATE = 16000;
export const SHARED_DATA = process.env.CANDOR_SHARED_DIR ? join(process.env.CANDOR_SHARED_DIR, 'data') : new URL('../../shared/data', import.meta.url).pathname;

export async function buildBenchCall(out: string, seconds = 3600): Promise<string> {
  if (existsSync(out)) return out;
  const names = ['meetings/dev00.wav', 'meetings/tst00.wav', 'pyannote_sample.wav', 'meetings/dev01.wav', 'meetings/tst01.wav', 'jfk.flac'];
  const clips = await Promise.all(names.filter((n) => existsSync(join(SHARED_DATA, n))).map((n) => readMono16k(join(SHARED_DATA, n))));
  if (clips.length < 2) throw new Error(`the bench call is built from ../shared/data; not found at ${SHARED_DATA}`);
  const total = seconds * RATE;
  const me = new Float32Array(total);
  const them = new Float32Array(total);
  // alternate turns of 4-14 s cut from the clips, with 0.3-1.8 s pauses
  let t = Math.round(0.5 * RATE);
  let k = 0;
  let seed = 12345;
  const rnd = (): number => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
  while (t < total) {
    const ch = k % 2 === 0 ? me : them;
    const clip = clips[k % clips.length];
    const len = Math.min(Math.round((4 + rnd() * 10) * RATE), clip.length, total - t);
    const from = Math.floor(rnd() * (clip.length - len));
    ch.set(clip.subarray(from, from + len), t);
    t += len + Math.round((0.3 + rnd() * 1.5) * RATE);
    k++;
  }
  const delay = Math.round(0.025 * RATE);
  for (let i = total - 1; i >= delay; i--) me[i] += 0.2 * them[i - delay];
  const fd = openSync(out, 'w');
  try {
    writeSync(fd, wavHeader(2, RATE, total * 4));
    const block = RATE * 60;
    for (let o = 0; o < total; o += block) {
      const n = Math.min(block, total - o);
      writeSync(fd, pcm16([me.subarray(o, o + n), them.subarray(o, o + n)]));
    }
  } finally {
    closeSync(fd);
  }
  return out;
}
