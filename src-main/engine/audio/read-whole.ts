// Reads a short recording into memory as 16 kHz mono per side. For tools and
// benchmarks (speech-recognition checks, bench fixtures), never for calls:
// calls are streamed through the pipeline.
import type { Side } from '../../contract/report';
import { openCallAudio, type CallAudioSpec } from './call-audio';

export function concatFloat32(parts: readonly Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Every side of a recording, whole. */
export async function readSides(spec: CallAudioSpec): Promise<Partial<Record<Side, Float32Array>>> {
  const audio = await openCallAudio(spec);
  const parts: Partial<Record<Side, Float32Array[]>> = {};
  try {
    for await (const c of audio.chunks()) (parts[c.side] ??= []).push(c.samples);
  } finally {
    await audio.close();
  }
  const out: Partial<Record<Side, Float32Array>> = {};
  for (const side of audio.sides) out[side] = concatFloat32(parts[side] ?? []);
  return out;
}

/** A file's channels mixed to one, at 16 kHz. */
export async function readMono16k(file: string): Promise<Float32Array> {
  return (await readSides({ file, side: 'me' })).me!;
}
