// FLAC: flac-frames.ts finds the frames (each header names where its samples
// belong: a frame number times the stream's block size, or a sample number)
// and libFLAC (@wasm-audio-decoders/flac) decodes each one. A frame whose
// header was damaged is never found, and one whose body is damaged decodes
// to nothing; either way the next good frame says where it belongs, and the
// gap before it is filled with silence, so that every later moment keeps its
// time. The frames lost and the seconds of silence are counted for the
// report's note, as for Opus (ogg-opus.ts).
import { FLACDecoder } from '@wasm-audio-decoders/flac';
import { audioStart, splitFrames, type FoundFrame } from './flac-frames';

export interface FlacChunk {
  channelData: Float32Array[];
  samplesDecoded: number;
  sampleRate: number;
  errors: { message: string }[];
}

export interface FlacDamage {
  /** Frames that were lost (a damaged header: never found) or that libFLAC could not decode. */
  droppedPackets: number;
  badEndPositions: number;
  /** Seconds of silence standing in for them. */
  silencedSec: number;
  truncated: boolean;
  /** What libFLAC said about them (first few). */
  messages: string[];
}

interface FlacResult {
  channelData: Float32Array[];
  samplesDecoded: number;
  sampleRate: number;
  errors?: { message: string }[];
}

/** A gap this long with no length in STREAMINFO to check it against is a damaged position, not lost audio. */
const MAX_UNCHECKED_GAP_SEC = 600;
/** How far past a frame's start its end is looked for when STREAMINFO gives no largest frame size. */
const DEFAULT_REACH = 1 << 20;

export class FlacStream {
  readonly damage: FlacDamage = { droppedPackets: 0, badEndPositions: 0, silencedSec: 0, truncated: false, messages: [] };
  readonly ready: Promise<void>;
  private readonly inner = new FLACDecoder();
  /** Bytes not yet split into frames (the metadata too, until it has all come). */
  private buf: Uint8Array = new Uint8Array(0);
  private inAudio = false;
  private readonly reach: number;
  /** Samples handed out so far (silence included): where the next frame should start. */
  private emitted = 0;
  private rate = 0;
  private channels = 0;
  private readonly blockSize: number | null;
  private readonly total: number | null;

  /** `head`: the file's first bytes (its STREAMINFO gives the fixed block size and the length). */
  constructor(head: Uint8Array) {
    this.ready = this.inner.ready;
    const si = head.length >= 42 && head[0] === 0x66 && head[1] === 0x4c && head[2] === 0x61 && head[3] === 0x43 ? head.subarray(8) : null;
    const minBlock = si ? (si[0] << 8) | si[1] : 0;
    const maxBlock = si ? (si[2] << 8) | si[3] : 0;
    this.blockSize = minBlock > 0 && minBlock === maxBlock ? maxBlock : null;
    const total = si ? (si[13] & 0x0f) * 2 ** 32 + ((si[14] << 24) >>> 0) + (si[15] << 16) + (si[16] << 8) + si[17] : 0;
    this.total = total > 0 ? total : null;
    // The stream's rate and channels: a file whose first frames are lost is padded from its start too.
    if (si) {
      this.rate = (si[10] << 12) | (si[11] << 4) | (si[12] >> 4);
      this.channels = ((si[12] >> 1) & 7) + 1;
    }
    const maxFrame = si ? (si[7] << 16) | (si[8] << 8) | si[9] : 0;
    this.reach = maxFrame > 0 ? maxFrame * 2 + 64 : DEFAULT_REACH;
  }

  /** Everything libFLAC does happens inside this call (so that what it prints can be caught around it). */
  decode(data: Uint8Array): Promise<FlacChunk> {
    return this.frames(this.split(data, false));
  }

  flush(): Promise<FlacChunk> {
    return this.frames(this.split(new Uint8Array(0), true));
  }

  private split(data: Uint8Array, final: boolean): FoundFrame[] {
    const b = this.buf.length ? concat(this.buf, data) : data;
    let from = 0;
    if (!this.inAudio) {
      const start = audioStart(b);
      if (start === null) {
        this.buf = final ? new Uint8Array(0) : b.slice();
        if (final) this.damage.truncated = true;
        return [];
      }
      this.inAudio = true;
      from = start;
    }
    const { frames, next } = splitFrames(b, from, this.reach, final);
    // The frames are decoded before the next call; the rest waits for more bytes.
    this.buf = next < b.length ? b.slice(next) : new Uint8Array(0);
    return frames;
  }

  free(): void {
    try {
      this.inner.free();
    } catch {
      // a damaged stream can leave the decoder's wasm memory unusable; it goes with the decoder
    }
  }

  /** Where a frame's samples belong, by its header. */
  private position(f: FoundFrame): number {
    return f.header.variable ? f.header.number : f.header.number * (this.blockSize ?? f.header.blockSize);
  }

  /** One frame lost, with what libFLAC said about it. */
  private lost(message: string): void {
    this.damage.droppedPackets++;
    if (this.damage.messages.length < 3 && !this.damage.messages.includes(message)) this.damage.messages.push(message);
  }

  private async frames(frames: FoundFrame[]): Promise<FlacChunk> {
    // Decoded now, in this call; the results are read below.
    const decoded = frames.map((f) => this.inner.decodeFrames([f.data]) as Promise<FlacResult>);
    const parts: Float32Array[][] = [];
    let out = 0;
    const push = (data: Float32Array[]): void => {
      parts.push(data);
      out += data[0]?.length ?? 0;
      this.emitted += data[0]?.length ?? 0;
    };
    const silence = (n: number): void => {
      if (n <= 0 || !this.channels || !this.rate) return;
      push(Array.from({ length: this.channels }, () => new Float32Array(n)));
      this.damage.silencedSec += n / this.rate;
    };
    for (const [i, frame] of frames.entries()) {
      const h = frame.header;
      const r = await decoded[i];
      const at = this.position(frame);
      if (r.samplesDecoded > 0 && (!this.rate || r.sampleRate !== this.rate || r.channelData.length !== this.channels)) {
        this.rate = r.sampleRate;
        this.channels = r.channelData.length;
      }
      const block = r.samplesDecoded > 0 ? r.samplesDecoded : h.blockSize;
      if (this.rate) {
        const beyond = this.total !== null ? at >= this.total : at - this.emitted > MAX_UNCHECKED_GAP_SEC * this.rate;
        if (beyond) {
          // A header that passed its checksum by chance, inside damaged data: not a place in the stream.
          continue;
        }
        if (at > this.emitted) {
          const gap = at - this.emitted;
          this.damage.droppedPackets += Math.max(1, Math.round(gap / (this.blockSize ?? block)));
          silence(gap);
        } else if (at + block <= this.emitted) {
          continue; // a frame already given (a repeated or misplaced header)
        }
      }
      // libFLAC also reports a jump in frame numbers (MISSING_FRAME): that gap is counted above, and the frame is good.
      const said = (r.errors ?? []).map((e) => e.message).filter((m) => !/MISSING_FRAME/.test(m));
      if (r.samplesDecoded === 0) {
        this.lost(said[0] ?? 'a frame could not be decoded');
        silence(h.blockSize); // the header (checked by its CRC-8) says how long the frame was
        continue;
      }
      // A frame whose checksum failed comes out of libFLAC as silence: that one stands in for lost audio. A frame
      // decoded whole, with damaged bytes after it (the start of a frame lost), keeps its audio; the loss is the gap.
      if ((frame.damaged || said.length) && silent(r.channelData, r.samplesDecoded)) {
        this.lost(said[0] ?? 'a frame failed its checksum');
        this.damage.silencedSec += r.samplesDecoded / this.rate;
      }
      const skip = at < this.emitted ? this.emitted - at : 0;
      push(r.channelData.map((c) => c.subarray(skip, r.samplesDecoded)));
    }
    const channels = parts[0]?.length ?? this.channels;
    const channelData = Array.from({ length: channels }, (_, c) => {
      const buf = new Float32Array(out);
      let at = 0;
      for (const p of parts) {
        buf.set(p[c] ?? p[0], at);
        at += p[0].length;
      }
      return buf;
    });
    return { channelData, samplesDecoded: out, sampleRate: this.rate, errors: [] };
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

function silent(channels: Float32Array[], n: number): boolean {
  for (const c of channels) for (let i = 0; i < n; i++) if (c[i] !== 0) return false;
  return true;
}
