// A million-cue export is read streamed: live memory stays flat while the
// cues go by (the file is never held whole), and the cue count is exact.
import assert from 'node:assert/strict';
import { closeSync, openSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { readTranscript } from '../../../src-main/engine/transcript/import';
import { tempDir } from '../../support/tmp';

const CUES = 1_000_000;
/** Live heap growth allowed while streaming: far below the file's size (~55 MB), generous for GC noise. */
const LIVE_HEAP_BOUND_MB = 16;

function stamp(ms: number): string {
  const s = Math.floor(ms / 1000);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${p(Math.floor(s / 3600))}:${p(Math.floor(s / 60) % 60)}:${p(s % 60)}.${String(ms % 1000).padStart(3, '0')}`;
}

function writeBigVtt(path: string): number {
  const fd = openSync(path, 'w');
  let buf = 'WEBVTT\n\n';
  for (let i = 0; i < CUES; i++) {
    buf += `${i + 1}\n${stamp(i * 1000)} --> ${stamp(i * 1000 + 900)}\n${i % 2 ? 'Ana Lopez' : 'Ben Ode'}: this is cue number ${i}\n\n`;
    if (buf.length > 1 << 20) {
      writeSync(fd, buf);
      buf = '';
    }
  }
  writeSync(fd, buf);
  closeSync(fd);
  return statSync(path).size;
}

test(`a ${CUES}-cue WebVTT file streams in bounded memory`, () => {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const path = join(tempDir(), 'big.vtt');
  const bytes = writeBigVtt(path);
  gc();
  const base = process.memoryUsage();
  let peakLive = 0;
  let count = 0;
  let lastLine = 0;
  readTranscript(path, {
    onCue: (c) => {
      count++;
      lastLine = c.line;
      if (count % 200_000 === 0) {
        gc();
        peakLive = Math.max(peakLive, process.memoryUsage().heapUsed - base.heapUsed);
      }
    },
  });
  const rssGrowth = process.memoryUsage().rss - base.rss;
  console.log(JSON.stringify({ cues: count, fileMB: +(bytes / 1e6).toFixed(1), peakLiveHeapMB: +(peakLive / 1e6).toFixed(2), rssGrowthMB: +(rssGrowth / 1e6).toFixed(1) }));
  assert.equal(count, CUES);
  assert.equal(lastLine, 2 + (CUES - 1) * 4 + 2);
  assert.ok(peakLive < LIVE_HEAP_BOUND_MB * 1e6, `live heap grew ${(peakLive / 1e6).toFixed(1)} MB`);
  assert.ok(rssGrowth < bytes / 2, `RSS grew ${(rssGrowth / 1e6).toFixed(1)} MB for a ${(bytes / 1e6).toFixed(1)} MB file`);
});
