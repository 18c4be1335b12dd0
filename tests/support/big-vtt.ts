// A generated Zoom-style WebVTT file of any number of cues, written in
// pieces (never held whole): for the streaming test and the import bench.
import { closeSync, openSync, statSync, writeSync } from 'node:fs';

function stamp(ms: number): string {
  const s = Math.floor(ms / 1000);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${p(Math.floor(s / 3600))}:${p(Math.floor(s / 60) % 60)}:${p(s % 60)}.${String(ms % 1000).padStart(3, '0')}`;
}

/** Cue i: id i+1, [i s, i+0.9 s], "Ana Lopez" or "Ben Ode" in turn. Its timing line is line 4i+4. Returns the file's bytes. */
export function writeBigVtt(path: string, cues: number): number {
  const fd = openSync(path, 'w');
  try {
    let buf = 'WEBVTT\n\n';
    for (let i = 0; i < cues; i++) {
      buf += `${i + 1}\n${stamp(i * 1000)} --> ${stamp(i * 1000 + 900)}\n${i % 2 ? 'Ana Lopez' : 'Ben Ode'}: this is cue number ${i}\n\n`;
      if (buf.length > 1 << 20) {
        writeSync(fd, buf);
        buf = '';
      }
    }
    writeSync(fd, buf);
  } finally {
    closeSync(fd);
  }
  return statSync(path).size;
}
