// Ogg Opus: codec-parser splits the Ogg pages into Opus packets and works
// out how many samples each packet holds (its TOC byte, less the pre-skip at
// the start and, on a stream's last page, less what the granule position
// cuts off); libopus (opus-decoder, wasm) decodes each packet.
//
// Candor keeps, per packet, at most what libopus produced and at most what
// the container says the packet holds. So a damaged granule position can
// never add silence to a file (ogg-opus-decoder padded one 6 s file to
// 10.8 s that way) nor ask for a negative length (its "Invalid typed array
// length" crash on an empty packet), and a damaged packet is replaced by
// silence as long as its header says it was (so later moments keep their
// times), counted and noted, instead of failing the file.
import CodecParser, { type CodecFrame, type OggPage, type OpusHeader } from 'codec-parser';
import { OpusDecoder } from 'opus-decoder';
import { catchLibraryOutput } from './library-output';

export const OPUS_RATE = 48000;
/** The longest Opus packet, 120 ms at 48 kHz: the most a stream's end may legitimately trim. */
const MAX_PACKET_SAMPLES = 5760;
/** 20 ms, the packet length nearly every encoder uses. */
const DEFAULT_PACKET_SAMPLES = 960;

/**
 * The OpusHead's channel layout (RFC 7845 section 5.1.1), checked before it
 * reaches libopus: a layout that does not add up makes the wasm decoder
 * write outside its buffers.
 */
function checkOpusHead(h: OpusHeader): void {
  const bad = (what: string): never => {
    throw new Error(`its Opus header is damaged (${what})`);
  };
  const table = h.channelMappingTable ?? [];
  if (!Number.isInteger(h.channels) || h.channels < 1 || h.channels > 255) bad(`${h.channels} channels`);
  if (h.channelMappingFamily === 0) {
    if (h.channels > 2) bad(`${h.channels} channels without a channel mapping`);
  } else {
    if (!Number.isInteger(h.streamCount) || h.streamCount < 1) bad(`${h.streamCount} streams`);
    if (!Number.isInteger(h.coupledStreamCount) || h.coupledStreamCount < 0 || h.coupledStreamCount > h.streamCount) bad(`${h.coupledStreamCount} coupled streams of ${h.streamCount}`);
    if (h.streamCount + h.coupledStreamCount > 255) bad('too many streams');
    if (table.length !== h.channels) bad(`a channel mapping of ${table.length} for ${h.channels} channels`);
    if (table.some((m) => m !== 255 && m >= h.streamCount + h.coupledStreamCount)) bad('a channel mapped to a stream that does not exist');
  }
  if (!Number.isInteger(h.preSkip) || h.preSkip < 0) bad(`a pre-skip of ${h.preSkip}`);
}

export interface OpusChunk {
  channelData: Float32Array[];
  samplesDecoded: number;
  sampleRate: number;
}

export interface OpusDamage {
  /** Packets that were not Opus, were empty, or that libopus refused. */
  droppedPackets: number;
  /** Stream ends whose granule position asked to cut more than a packet; ignored. */
  badEndPositions: number;
  /** Seconds of silence standing in for damaged packets. */
  silencedSec: number;
  /** The file ends in the middle of an Ogg page. */
  truncated: boolean;
  /** What libopus said about the packets it refused (first few). */
  messages: string[];
}

export class OggOpusStream {
  readonly ready: Promise<void> = Promise.resolve();
  readonly damage: OpusDamage = { droppedPackets: 0, badEndPositions: 0, silencedSec: 0, truncated: false, messages: [] };
  private readonly parser: CodecParser<OggPage>;
  private opus: OpusDecoder | null = null;
  private channels = 0;
  /** Length of the last packet libopus decoded. */
  private lastGood = 0;

  constructor() {
    this.parser = new CodecParser<OggPage>('application/ogg', {
      enableLogging: false,
      enableFrameCRC32: false,
      onCodec: (codec) => {
        if (codec !== 'opus') throw new Error(`the Ogg stream holds ${codec}, not Opus`);
      },
    });
  }

  decode(data: Uint8Array): Promise<OpusChunk> {
    return this.pages(catchLibraryOutput(() => [...(this.parser.parseChunk(data) as unknown as Iterable<OggPage>)]).value);
  }

  /** The file's end. A file cut off inside a page keeps the pages before the cut, and says so. */
  flush(): Promise<OpusChunk> {
    let pages: OggPage[] = [];
    try {
      pages = catchLibraryOutput(() => [...(this.parser.flush() as unknown as Iterable<OggPage>)]).value;
    } catch {
      this.damage.truncated = true;
    }
    return this.pages(pages);
  }

  free(): void {
    const opus = this.opus;
    this.opus = null;
    try {
      opus?.free();
    } catch {
      // A damaged stream can leave the decoder's own wasm memory unusable; it is dropped with the decoder.
    }
  }

  private async decoderFor(header: OpusHeader): Promise<OpusDecoder> {
    if (this.opus) return this.opus;
    checkOpusHead(header);
    const opus = new OpusDecoder({
      channels: header.channels,
      streamCount: header.streamCount,
      coupledStreamCount: header.coupledStreamCount,
      channelMappingTable: header.channelMappingTable,
      preSkip: header.preSkip,
    });
    await opus.ready;
    this.opus = opus;
    this.channels = header.channels;
    return opus;
  }

  private drop(why?: string): void {
    this.damage.droppedPackets++;
    if (why && this.damage.messages.length < 3 && !this.damage.messages.includes(why)) this.damage.messages.push(why);
  }

  private async pages(pages: OggPage[]): Promise<OpusChunk> {
    const parts: Float32Array[][] = [];
    let total = 0;
    for (const page of pages) {
      const decoded: { data: Float32Array[]; keep: number }[] = [];
      for (const frame of (page.codecFrames ?? []) as (CodecFrame | undefined)[]) {
        if (!frame || !frame.data || frame.data.length === 0) {
          this.drop();
          continue;
        }
        const opus = await this.decoderFor(frame.header as OpusHeader);
        const { value: r, lines } = catchLibraryOutput(() => opus.decodeFrame(frame.data));
        if (r.errors.length || r.samplesDecoded === 0) {
          this.drop(r.errors[0]?.message ?? lines[0]);
          // Silence as long as a packet of this stream keeps every later moment at its time. A damaged
          // packet's own header is not trusted for that: the last good packet's length is (encoders keep it constant).
          const n = this.lastGood || Math.max(0, Math.min(DEFAULT_PACKET_SAMPLES, Math.round(frame.samples) || 0));
          this.damage.silencedSec += n / OPUS_RATE;
          if (n) decoded.push({ data: Array.from({ length: this.channels }, () => new Float32Array(n)), keep: n });
          continue;
        }
        this.lastGood = Math.min(r.samplesDecoded, MAX_PACKET_SAMPLES);
        decoded.push({ data: r.channelData, keep: Math.max(0, Math.min(r.samplesDecoded, Math.round(frame.samples))) });
      }
      if (page.isLastPage) {
        const cut = decoded.reduce((a, d) => a + d.data[0].length - d.keep, 0);
        if (cut > MAX_PACKET_SAMPLES) {
          // A damaged end position: keep what libopus decoded rather than cut real audio.
          this.damage.badEndPositions++;
          for (const d of decoded) d.keep = d.data[0].length;
        }
      }
      for (const d of decoded) {
        if (d.keep === 0) continue;
        parts.push(d.data.map((c) => c.subarray(0, d.keep)));
        total += d.keep;
      }
      // The end of a logical stream: a chained stream that follows brings its own header.
      if (page.isLastPage) this.free();
    }
    const channels = parts[0]?.length ?? this.channels;
    const channelData = Array.from({ length: channels }, (_, c) => {
      const out = new Float32Array(total);
      let at = 0;
      for (const p of parts) {
        out.set(p[c] ?? new Float32Array(p[0].length), at);
        at += p[0].length;
      }
      return out;
    });
    return { channelData, samplesDecoded: total, sampleRate: OPUS_RATE };
  }
}
