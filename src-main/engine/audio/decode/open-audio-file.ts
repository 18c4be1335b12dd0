// Opens any supported audio file by what its bytes are, not by its name.
import { open, stat } from 'node:fs/promises';
import { CandorError } from '../../../contract/errors';
import { fileError } from '../../fs-errors';
import { openWithFfmpeg } from './ffmpeg';
import { openWasmDecoded } from './wasm-decoder';
import { openWav } from './wav';
import type { DecodedStream, DecodeOptions } from './types';

export const SUPPORTED_FORMATS = 'WAV (PCM 8/16/24/32-bit, float), FLAC, MP3 and Ogg/Opus; M4A/AAC and other containers through ffmpeg';

type Sniffed = 'wav' | 'flac' | 'mp3' | 'ogg-opus' | 'ogg-other' | 'mp4' | 'ffmpeg-other' | 'unknown';

export function sniff(head: Uint8Array): Sniffed {
  const ascii = (a: number, b: number): string => String.fromCharCode(...head.subarray(a, b));
  if ((ascii(0, 4) === 'RIFF' || ascii(0, 4) === 'RF64') && ascii(8, 12) === 'WAVE') return 'wav';
  if (ascii(0, 4) === 'fLaC') return 'flac';
  if (ascii(0, 4) === 'OggS') return ascii(28, 36) === 'OpusHead' ? 'ogg-opus' : 'ogg-other';
  if (ascii(4, 8) === 'ftyp') return 'mp4';
  if (ascii(0, 3) === 'ID3') return 'mp3';
  if (head.length >= 2 && head[0] === 0xff && (head[1] & 0xe0) === 0xe0 && (head[1] & 0x06) !== 0) return 'mp3';
  if (ascii(0, 4) === 'FORM' || ascii(0, 4) === '.snd' || (head[0] === 0x1a && head[1] === 0x45 && head[2] === 0xdf && head[3] === 0xa3)) return 'ffmpeg-other';
  return 'unknown';
}

export async function openAudioFile(path: string, opts: DecodeOptions = {}): Promise<DecodedStream> {
  let size: number;
  try {
    const st = await stat(path);
    if (st.isDirectory()) throw new CandorError('BAD_ARGUMENT', `${path} is a folder, not an audio file`, 'Pass the path of a recording.');
    size = st.size;
  } catch (err) {
    throw fileError(err, path, 'read');
  }
  if (size === 0) throw new CandorError('AUDIO_EMPTY', `${path} is empty (0 bytes)`, 'The recording did not save; record or export it again.');
  const head = new Uint8Array(64);
  try {
    // stat needs no read permission; this is where an unreadable file shows.
    const fh = await open(path, 'r');
    try {
      await fh.read(head, 0, 64, 0);
    } finally {
      await fh.close();
    }
  } catch (err) {
    throw fileError(err, path, 'read');
  }
  const kind = sniff(head);
  switch (kind) {
    case 'wav':
      return openWav(path, size, opts);
    case 'flac':
    case 'mp3':
    case 'ogg-opus':
      return openWasmDecoded(path, kind, head, opts);
    case 'mp4':
      return openWithFfmpeg(path, 'an MP4/M4A (AAC) recording');
    case 'ogg-other':
      return openWithFfmpeg(path, 'an Ogg file that is not Opus (Vorbis?)');
    case 'ffmpeg-other':
      return openWithFfmpeg(path, 'an AIFF/AU/WebM file');
    default:
      throw new CandorError('AUDIO_UNSUPPORTED', `${path} is not an audio file Candor can read`,
        `Supported: ${SUPPORTED_FORMATS}. Convert it with ffmpeg, e.g. \`ffmpeg -i in out.wav\`.`);
  }
}
