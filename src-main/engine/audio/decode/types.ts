// A decoded audio stream: its format and an async sequence of PCM chunks,
// one Float32Array per channel, at the file's own sample rate.

export interface AudioInfo {
  format: 'wav' | 'flac' | 'mp3' | 'ogg-opus' | 'ffmpeg';
  /** A human name for the codec, e.g. "PCM 16-bit" or "FLAC". */
  codec: string;
  sampleRate: number;
  channels: number;
  /** Known from the header, or null when the container does not say. */
  durationSec: number | null;
}

export interface DecodedStream {
  info: AudioInfo;
  chunks(): AsyncGenerator<Float32Array[]>;
  /** What the decode met and worked around (damaged frames left out), for the report's notes; complete once chunks() has ended. */
  notes(): string[];
  close(): Promise<void>;
}

export interface DecodeOptions {
  /** Analyse what a truncated file has instead of failing. */
  allowTruncated?: boolean;
  /** Bytes read from disk at a time. */
  readSize?: number;
}

export const MIN_SAMPLE_RATE = 8000;
export const MAX_SAMPLE_RATE = 384000;
