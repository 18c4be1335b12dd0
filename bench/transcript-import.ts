// Transcript import of a generated million-cue Zoom-style WebVTT file:
// streamed parse (cues not kept) and the full import (sides assigned), each
// against the baseline of only reading the file's lines (decode and split).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadTranscript, readTranscript } from '../src-main/engine/transcript/import';
import { readFileLines } from '../src-main/engine/transcript/read-file';
import { writeBigVtt } from '../tests/support/big-vtt';

function time<T>(f: () => T): { ms: number; result: T } {
  const t0 = performance.now();
  const result = f();
  return { ms: Math.round(performance.now() - t0), result };
}

export function runTranscriptImportBench(cues = 1_000_000): object {
  const dir = mkdtempSync(join(tmpdir(), 'candor-bench-'));
  try {
    const path = join(dir, 'big.vtt');
    const bytes = writeBigVtt(path, cues);
    const lines = time(() => {
      let n = 0;
      readFileLines(path, () => n++);
      return n;
    });
    const stream = time(() => {
      let n = 0;
      readTranscript(path, { onCue: () => n++ });
      return n;
    });
    const heap0 = process.memoryUsage().heapUsed;
    const full = time(() => loadTranscript(path, { me: 'Ana Lopez' }).utterances.length);
    const heapMb = Math.round((process.memoryUsage().heapUsed - heap0) / 1e6);
    return {
      file: { cues, mb: Math.round(bytes / 1e5) / 10 },
      baselineReadLinesMs: lines.ms,
      streamParseMs: stream.ms,
      streamCuesPerSec: Math.round(stream.result / (stream.ms / 1000)),
      streamVsBaseline: Math.round((stream.ms / lines.ms) * 10) / 10,
      fullImportMs: full.ms,
      fullImportUtterances: full.result,
      fullImportHeapGrowthMb: heapMb,
      baseline: 'read the file as UTF-8 and split its lines, nothing parsed',
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.stdout.write(JSON.stringify(runTranscriptImportBench(Number(process.env.CANDOR_BENCH_CUES ?? 1_000_000)), null, 2) + '\n');
}
