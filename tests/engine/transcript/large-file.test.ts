// A million-cue export is read streamed: live memory stays flat while the
// cues go by (the file is never held whole), and the cue count is exact.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import test from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { readTranscript } from '../../../src-main/engine/transcript/import';
import { writeBigVtt } from '../../support/big-vtt';
import { tempDir } from '../../support/tmp';

const CUES = 1_000_000;
/** Live heap growth allowed while streaming: far below the file's size (~55 MB), generous for GC noise. */
const LIVE_HEAP_BOUND_MB = 16;

test(`a ${CUES}-cue WebVTT file streams in bounded memory`, () => {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const path = join(tempDir(), 'big.vtt');
  const bytes = writeBigVtt(path, CUES);
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
  assert.equal(lastLine, 4 * (CUES - 1) + 4);
  assert.ok(peakLive < LIVE_HEAP_BOUND_MB * 1e6, `live heap grew ${(peakLive / 1e6).toFixed(1)} MB`);
  assert.ok(rssGrowth < bytes / 2, `RSS grew ${(rssGrowth / 1e6).toFixed(1)} MB for a ${(bytes / 1e6).toFixed(1)} MB file`);
});
