// FLAC, MP3 and Ogg Opus through the wasm-audio-decoders family (streaming
// decoders compiled from libFLAC, mpg123 and libopus). Bytes go in chunk by
// chunk; PCM comes out per channel.
import { MPEGDecoder } from 'mpg123-decoder';
import { CandorError } from '../../../contract/errors';
import { checkChannels, checkSampleRate, corrupt, truncated } from './errors';
import { readBytes } from './file-bytes';
import { FlacStream } from './flac-stream';
import { catchLibraryOutput } from './library-output';
import { OggOpusStream } from './ogg-opus';
import type { AudioInfo, DecodedStream, DecodeOptions } from './types';

interface DecodeResult {
  channelData: Float32Array[];
  samplesDecoded: number;
  sampleRate: number;
  errors?: { message: string }[];
}

/** What a decoder reported about damage, beyond its per-call errors. */
interface DamageReport {
  droppedPackets: number;
  badEndPositions: number;
  silencedSec: number;
  truncated: boolean;
  messages: string[];
}

interface StreamingDecoder {
  ready: Promise<void>;
  decode(data: Uint8Array): DecodeResult | Promise<DecodeResult>;
  flush?(): DecodeResult | Promise<DecodeResult>;
  free(): void | Promise<void>;
  damage?: DamageReport;
}

export type WasmFormat = 'flac' | 'mp3' | 'ogg-opus';

function makeDecoder(format: WasmFormat, head: Uint8Array): StreamingDecoder {
  if (format === 'flac') return new FlacStream(head);
  if (format === 'mp3') return new MPEGDecoder() as unknown as StreamingDecoder;
  return new OggOpusStream();
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

/** The damage a decode met, as notes for the report (empty when the file was clean). */
function damageNotes(path: string, format: WasmFormat, errors: number, messages: string[], damage?: DamageReport): string[] {
  const notes: string[] = [];
  const frames = errors + (damage?.droppedPackets ?? 0);
  messages = [...messages, ...(damage?.messages ?? [])];
  if (frames > 0) {
    const said = messages.length ? ` (the decoder said: ${messages.slice(0, 2).map((m) => `"${m.slice(0, 120)}"`).join(', ')})` : '';
    const silenced = damage?.silencedSec ? `; ${damage.silencedSec.toFixed(2)} s of silence stand in for them, so later times stay right` : ' and were left out';
    notes.push(`${path}: ${frames} damaged ${CODEC[format]} frame(s) could not be decoded${silenced}${said}`);
  }
  if (damage?.truncated) notes.push(`${path} ends in the middle of a page (the file is truncated); the audio before the cut was analysed`);
  if (damage?.badEndPositions) notes.push(`${path}: the stream's end position is damaged; the audio was kept as decoded`);
  return notes;
}

/**
 * Opens a compressed file. Decoding starts here, so that the format (rate,
 * channels) is known before anything is streamed and a file that is not
 * what it claims fails at once. Whatever goes wrong later, while streaming,
 * fails the same way: a CandorError naming the file.
 */
export async function openWasmDecoded(path: string, format: WasmFormat, head: Uint8Array, opts: DecodeOptions = {}): Promise<DecodedStream> {
  const decoder = makeDecoder(format, head);
  await decoder.ready;
  const streamInfo = format === 'flac' ? flacTotalSamples(head) : null;
  const source = readBytes(path, 0, Infinity, opts.readSize ?? 1 << 16);
  const pending: Float32Array[][] = [];
  const messages: string[] = [];
  let info: AudioInfo | undefined;
  let decoded = 0;
  let errors = 0;
  let freed = false;

  const take = (r: DecodeResult, lines: string[]): void => {
    errors += r.errors?.length ?? 0;
    for (const m of [...(r.errors ?? []).map((e) => e.message), ...lines]) {
      if (messages.length < 3 && m && !messages.includes(m)) messages.push(m);
    }
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
      // A chained stream may change the layout; the file's first layout is kept.
      const want = info.channels;
      pending.push(Array.from({ length: want }, (_, c) => (r.channelData[c] ?? r.channelData[0]).slice(0, r.samplesDecoded)));
    }
  };

  const free = async (): Promise<void> => {
    if (!freed) {
      freed = true;
      await decoder.free();
    }
  };

  /** The library decodes synchronously inside the call; what it prints is caught, not shown. */
  const run = async (call: () => DecodeResult | Promise<DecodeResult>): Promise<void> => {
    const { value, lines } = catchLibraryOutput(call);
    take(await value, lines);
  };

  let exhausted = false;
  /** Decodes the next chunk of the file (or flushes at its end); false once the file is done. */
  const step = async (): Promise<boolean> => {
    const next = await source.next();
    if (next.done) {
      exhausted = true;
      if (decoder.flush) await run(() => decoder.flush!());
      return false;
    }
    await run(() => decoder.decode(next.value));
    return true;
  };
  const wrap = (err: unknown): CandorError => (err instanceof CandorError ? err : corrupt(path, (err as Error)?.message ?? String(err)));
  try {
    while (!info && (await step()));
  } catch (err) {
    await free();
    await source.return(undefined);
    throw wrap(err);
  }
  if (!info) {
    await free();
    const declaredEmpty = format === 'flac' && head.length >= 42 && String.fromCharCode(...head.subarray(0, 4)) === 'fLaC' && flacTotalSamples(head) === null && errors === 0;
    if (!declaredEmpty) {
      const said = messages.length ? ` (the decoder said: "${messages[0].slice(0, 120)}")` : '';
      throw corrupt(path, `the ${CODEC[format]} stream could not be decoded${said}`);
    }
    throw new CandorError('AUDIO_EMPTY', `${path} has no audio samples`, 'Record or export the call again.');
  }
  const finalInfo: AudioInfo = info;

  return {
    info: finalInfo,
    async *chunks() {
      try {
        while (pending.length) yield pending.shift()!;
        while (!exhausted) {
          let more: boolean;
          try {
            more = await step();
          } catch (err) {
            throw wrap(err);
          }
          while (pending.length) yield pending.shift()!;
          if (!more) break;
        }
        if (streamInfo && decoded < streamInfo.total - finalInfo.sampleRate * 0.05 && !opts.allowTruncated) {
          throw truncated(path, streamInfo.total / streamInfo.rate, decoded / finalInfo.sampleRate);
        }
      } finally {
        await free();
        await source.return(undefined);
      }
    },
    notes: () => damageNotes(path, format, errors, messages, decoder.damage),
    async close() {
      await free();
      await source.return(undefined);
    },
  };
}
