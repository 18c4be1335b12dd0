// WAV (RIFF/RF64) reader: PCM 8/16/24/32-bit integer and 32/64-bit float,
// WAVE_FORMAT_EXTENSIBLE included. WAV is a container around raw PCM, so this
// reads the header and streams the data chunk; there is no codec to decode.
import { open } from 'node:fs/promises';
import { CandorError } from '../../../contract/errors';
import { checkChannels, checkSampleRate, corrupt, truncated } from './errors';
import { readBytes } from './file-bytes';
import type { DecodedStream, DecodeOptions } from './types';

const FORMAT_PCM = 1;
const FORMAT_FLOAT = 3;
const FORMAT_EXTENSIBLE = 0xfffe;

interface WavHeader {
  formatTag: number;
  channels: number;
  sampleRate: number;
  bitsPerSample: number;
  blockAlign: number;
  dataOffset: number;
  dataBytes: number;
}

async function readHeader(path: string, fileSize: number): Promise<WavHeader> {
  const fh = await open(path, 'r');
  try {
    const head = Buffer.alloc(Math.min(fileSize, 1 << 16));
    await fh.read(head, 0, head.length, 0);
    const riff = head.toString('ascii', 0, 4);
    if ((riff !== 'RIFF' && riff !== 'RF64') || head.toString('ascii', 8, 12) !== 'WAVE') throw corrupt(path, 'no RIFF/WAVE header');
    let pos = 12;
    let fmt: Omit<WavHeader, 'dataOffset' | 'dataBytes'> | undefined;
    let ds64DataSize: number | undefined;
    while (pos + 8 <= head.length) {
      const id = head.toString('ascii', pos, pos + 4);
      const size = head.readUInt32LE(pos + 4);
      const body = pos + 8;
      if (id === 'ds64' && body + 16 <= head.length) {
        ds64DataSize = Number(head.readBigUInt64LE(body + 8));
      } else if (id === 'fmt ') {
        if (size < 16 || body + 16 > head.length) throw corrupt(path, 'the fmt chunk is too short');
        let formatTag = head.readUInt16LE(body);
        const bitsPerSample = head.readUInt16LE(body + 14);
        if (formatTag === FORMAT_EXTENSIBLE && size >= 40 && body + 26 <= head.length) formatTag = head.readUInt16LE(body + 24);
        fmt = {
          formatTag,
          channels: head.readUInt16LE(body + 2),
          sampleRate: head.readUInt32LE(body + 4),
          blockAlign: head.readUInt16LE(body + 12),
          bitsPerSample,
        };
      } else if (id === 'data') {
        if (!fmt) throw corrupt(path, 'the data chunk comes before the fmt chunk');
        let dataBytes = riff === 'RF64' && size === 0xffffffff && ds64DataSize !== undefined ? ds64DataSize : size;
        // Streaming writers leave 0 or 0xFFFFFFFF when they never came back to fix the size.
        if (dataBytes === 0 || dataBytes === 0xffffffff) dataBytes = fileSize - body;
        return { ...fmt, dataOffset: body, dataBytes };
      }
      pos = body + size + (size & 1);
    }
    throw corrupt(path, fmt ? 'no data chunk' : 'no fmt chunk');
  } finally {
    await fh.close();
  }
}

type SampleReader = (b: Buffer, off: number) => number;

function sampleReader(path: string, h: WavHeader): SampleReader {
  const { formatTag: tag, bitsPerSample: bits } = h;
  if (tag === FORMAT_PCM) {
    if (bits === 8) return (b, o) => (b[o] - 128) / 128;
    if (bits === 16) return (b, o) => b.readInt16LE(o) / 32768;
    if (bits === 24) return (b, o) => b.readIntLE(o, 3) / 8388608;
    if (bits === 32) return (b, o) => b.readInt32LE(o) / 2147483648;
  }
  if (tag === FORMAT_FLOAT) {
    if (bits === 32) return (b, o) => b.readFloatLE(o);
    if (bits === 64) return (b, o) => b.readDoubleLE(o);
  }
  throw new CandorError('AUDIO_UNSUPPORTED',
    `${path} is a WAV file with ${tag === FORMAT_PCM ? 'PCM' : tag === FORMAT_FLOAT ? 'float' : `format tag 0x${tag.toString(16)}`} ${bits}-bit samples, which Candor does not read`,
    'Convert it to 16-bit PCM WAV or FLAC, e.g. `ffmpeg -i in.wav -c:a pcm_s16le out.wav`.');
}

export async function openWav(path: string, fileSize: number, opts: DecodeOptions = {}): Promise<DecodedStream> {
  const h = await readHeader(path, fileSize);
  checkChannels(path, h.channels);
  checkSampleRate(path, h.sampleRate);
  const read = sampleReader(path, h);
  const bytesPerSample = h.bitsPerSample / 8;
  if (!Number.isInteger(bytesPerSample) || h.blockAlign !== bytesPerSample * h.channels) {
    throw corrupt(path, `inconsistent block size (${h.blockAlign} bytes for ${h.channels} x ${h.bitsPerSample}-bit)`);
  }
  const present = Math.max(0, fileSize - h.dataOffset);
  let dataBytes = h.dataBytes;
  if (dataBytes > present) {
    const expected = dataBytes / h.blockAlign / h.sampleRate;
    const have = present / h.blockAlign / h.sampleRate;
    if (!opts.allowTruncated) throw truncated(path, expected, have);
    dataBytes = present;
  }
  const frames = Math.floor(dataBytes / h.blockAlign);
  if (frames === 0) {
    throw new CandorError('AUDIO_EMPTY', `${path} has no audio samples`, 'Record or export the call again; the file holds only a header.');
  }
  const codec = `${h.formatTag === FORMAT_FLOAT ? 'float' : 'PCM'} ${h.bitsPerSample}-bit`;
  return {
    info: { format: 'wav', codec, sampleRate: h.sampleRate, channels: h.channels, durationSec: frames / h.sampleRate },
    async *chunks() {
      const end = h.dataOffset + frames * h.blockAlign;
      let carry = Buffer.alloc(0);
      for await (const bytes of readBytes(path, h.dataOffset, end, opts.readSize)) {
        const buf = carry.length ? Buffer.concat([carry, bytes]) : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
        const n = Math.floor(buf.length / h.blockAlign);
        const out = Array.from({ length: h.channels }, () => new Float32Array(n));
        for (let i = 0, o = 0; i < n; i++) {
          for (let c = 0; c < h.channels; c++, o += bytesPerSample) out[c][i] = read(buf, o);
        }
        carry = Buffer.from(buf.subarray(n * h.blockAlign));
        if (n > 0) yield out;
      }
    },
    notes: () => [],
    async close() {},
  };
}
