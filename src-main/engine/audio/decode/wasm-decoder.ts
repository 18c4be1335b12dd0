// FLAC, MP3 and Ogg Opus through the wasm-audio-decoders family (streaming
// decoders compiled from libFLAC, mpg123 and libopus). Bytes go in chunk by
// chunk; PCM comes out per channel.
import { FLACDecoder } from '@wasm-audio-decoders/flac';
import { MPEGDecoder } from 'mpg123-decoder';
import { OggOpusDecoder } from 'ogg-opus-decoder';
import { CandorError } from '../../../contract/errors';
import { checkChannels, checkSampleRate, corrupt, truncated } from './errors';
import { readBytes } from './file-bytes';
import type { AudioInfo, DecodedStream, DecodeOptions } from './types';

interface DecodeResult {
  channelData: Float32Array[];
  samplesDecoded: number;
  sampleRate: number;
  errors?: { message: string }[];
}

interface StreamingDecoder {
  ready: Promise<void>;
  decode(data: Uint8Array): DecodeResult | Promise<DecodeResult>;
  flush?(): DecodeResult | Promise<DecodeResult>;
  free(): void | Promise<void>;
}

export type WasmFormat = 'flac' | 'mp3' | 'ogg-opus';

function makeDecoder(format: WasmFormat): StreamingDecoder {
  if (format === 'flac') return new FLACDecoder() as unknown as StreamingDecoder;
  if (format === 'mp3') return new MPEGDecoder() as unknown as StreamingDecoder;
  return new OggOpusDecoder() as unknown as StreamingDecoder;
}

const CODEC: Record<WasmFormat, string> = { flac: 'FLAC', mp3: 'MPEG audio', 'ogg-opus': 'Opus' };

/** Total samples from a FLAC STREAMINFO block, or null if unknown. */
function flacTotalSamples(head: Uint8Array): { total: number; rate: number } | null {
  // "fLaC" + metadata block header (4 bytes) + STREAMINFO (34 bytes)
  if (head.length < 42) return null;
  const b = head.subarray(8);
  const rate = (b[10] << 12) | (b[11] << 4) | (b[12] >> 4);
  const total = (b[13] & 0x0f) * 2 ** 32 + ((b[14] << 24) >>> 0) + (b[15] << 16) + (b[16] << 8) + b[17];
  return total > 0 && rate > 0 ? { total, rate } : null;
}

/**
 * Opens a compressed file. Decoding starts here, so that the format (rate,
 * channels) is known before anything is streamed and a file that is not
 * what it claims fails at once.
 */
export async function openWasmDecoded(path: string, format: WasmFormat, head: Uint8Array, opts: DecodeOptions = {}): Promise<DecodedStream> {
  const decoder = makeDecoder(format);
  await decoder.ready;
  const streamInfo = format === 'flac' ? flacTotalSamples(head) : null;
  const source = readBytes(path, 0, Infinity, opts.readSize ?? 1 << 16);
  const pending: Float32Array[][] = [];
  let info: AudioInfo | undefined;
  let decoded = 0;
  let errors = 0;
  let freed = false;

  const take = (r: DecodeResult): void => {
    errors += r.errors?.length ?? 0;
    if (r.samplesDecoded > 0) {
      if (!info) {
        checkSampleRate(path, r.sampleRate);
        checkChannels(path, r.channelData.length);
        info = {
          format, codec: CODEC[format], sampleRate: r.sampleRate, channels: r.channelData.length,
          durationSec: streamInfo ? streamInfo.total / streamInfo.rate : null,
        };
      }
      decoded += r.samplesDecoded;
      pending.push(r.channelData.map((c) => c.slice(0, r.samplesDecoded)));
    }
  };

  const free = async (): Promise<void> => {
    if (!freed) {
      freed = true;
      await decoder.free();
    }
  };

  let exhausted = false;
  /** Decodes the next chunk of the file (or flushes at its end); false once the file is done. */
  const step = async (): Promise<boolean> => {
    const next = await source.next();
    if (next.done) {
      exhausted = true;
      if (decoder.flush) take(await decoder.flush());
      return false;
    }
    take(await decoder.decode(next.value));
    return true;
  };
  try {
    while (!info && (await step()));
  } catch (err) {
    await free();
    throw err instanceof CandorError ? err : corrupt(path, (err as Error).message);
  }
  if (!info) {
    await free();
    const declaredEmpty = format === 'flac' && head.length >= 42 && String.fromCharCode(...head.subarray(0, 4)) === 'fLaC' && flacTotalSamples(head) === null && errors === 0;
    if (!declaredEmpty) throw corrupt(path, `the ${CODEC[format]} stream could not be decoded`);
    throw new CandorError('AUDIO_EMPTY', `${path} has no audio samples`, 'Record or export the call again.');
  }
  const finalInfo: AudioInfo = info;

  return {
    info: finalInfo,
    async *chunks() {
      try {
        while (pending.length) yield pending.shift()!;
        while (!exhausted && (await step())) {
          while (pending.length) yield pending.shift()!;
        }
        while (pending.length) yield pending.shift()!;
        if (streamInfo && decoded < streamInfo.total - finalInfo.sampleRate * 0.05 && !opts.allowTruncated) {
          throw truncated(path, streamInfo.total / streamInfo.rate, decoded / finalInfo.sampleRate);
        }
      } finally {
        await free();
      }
    },
    close: free,
  };
}
