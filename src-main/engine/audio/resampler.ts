// Streaming sample-rate conversion to the engine's 16 kHz, through
// libsamplerate (compiled to wasm). State carries across chunks.
import lsr from '@alexanderolsen/libsamplerate-js';

export const ENGINE_RATE = 16000;

interface Converter {
  full(data: Float32Array): Float32Array;
  destroy(): void;
}

export class StreamResampler {
  private constructor(private readonly converter: Converter | null) {}

  static async create(fromRate: number, toRate = ENGINE_RATE): Promise<StreamResampler> {
    if (fromRate === toRate) return new StreamResampler(null);
    const converter = (await lsr.create(1, fromRate, toRate, { converterType: lsr.ConverterType.SRC_SINC_FASTEST })) as Converter;
    return new StreamResampler(converter);
  }

  /** Converts one chunk; the returned array is the caller's to keep. */
  process(x: Float32Array): Float32Array {
    if (!this.converter) return x;
    return this.converter.full(x).slice();
  }

  destroy(): void {
    this.converter?.destroy();
  }
}

/** Averages channels into one. */
export function downmix(channels: Float32Array[]): Float32Array {
  if (channels.length === 1) return channels[0];
  const n = channels[0].length;
  const out = new Float32Array(n);
  for (const c of channels) for (let i = 0; i < n; i++) out[i] += c[i];
  const k = 1 / channels.length;
  for (let i = 0; i < n; i++) out[i] *= k;
  return out;
}
