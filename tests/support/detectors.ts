// The two speech detectors that the timing figures compare, run on audio in
// memory: Candor's shared streaming pipeline, and plain Silero v6 with its
// stock hysteresis as the baseline.
import type { Segments, Side } from '../../src-main/contract/report';
import { AnalysisPipeline } from '../../src-main/engine/pipeline/analysis-pipeline';
import { Segmenter } from '../../src-main/engine/segments/segmenter';
import { GatedVad } from '../../src-main/engine/vad/gated-vad';
import { VAD_FRAME, VAD_FRAME_SEC } from '../../src-main/engine/vad/frames';
import { Hysteresis } from '../../src-main/engine/vad/hysteresis';
import { SileroVad } from '../../src-main/engine/vad/silero-vad';

/** Candor: the pipeline `candor analyze` and live capture use, fed in 0.1 s chunks. */
export async function candorSegments(channels: readonly Float32Array[], sides: readonly Side[] = ['me', 'them']): Promise<Segments> {
  const vad = await GatedVad.create(sides.length);
  const p = new AnalysisPipeline({ sides: [...sides], vad });
  const n = channels[0].length;
  for (let at = 0; at < n; at += 1600) {
    sides.forEach((s, i) => p.push(s, channels[i].slice(at, Math.min(n, at + 1600))));
    await p.process();
  }
  await p.finish();
  return p.segments(false);
}

/**
 * Plain Silero v6: speech from p >= 0.5 until p < 0.35 (silero-vad's
 * get_speech_timestamps thresholds), on 32 ms frame edges, bridged at 0.5 s
 * like every segment (METRICS.md), runs under 0.25 s dropped. No bleed
 * removal, no edge refinement.
 */
export async function plainSileroSegments(channels: readonly Float32Array[], sides: readonly Side[] = ['me', 'them']): Promise<Segments> {
  const vad = await SileroVad.create(sides.length);
  const hyst = sides.map(() => new Hysteresis());
  const seg = sides.map((s) => new Segmenter(s));
  const frames = Math.ceil(channels[0].length / VAD_FRAME);
  const buf = sides.map(() => new Float32Array(VAD_FRAME));
  for (let f = 0; f < frames; f++) {
    channels.forEach((c, i) => {
      buf[i].fill(0);
      buf[i].set(c.subarray(f * VAD_FRAME, (f + 1) * VAD_FRAME));
    });
    const p = await vad.process(buf);
    sides.forEach((_, i) => seg[i].push(f * VAD_FRAME_SEC, (f + 1) * VAD_FRAME_SEC, hyst[i].step(p[i])));
  }
  seg.forEach((s) => s.finish());
  const out: Segments = { me: [], them: [] };
  sides.forEach((s, i) => (out[s] = seg[i].spans()));
  return out;
}
