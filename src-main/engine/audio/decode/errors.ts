// The decode errors: each names the problem and the way out.
import { CandorError } from '../../../contract/errors';
import { MAX_SAMPLE_RATE, MIN_SAMPLE_RATE } from './types';

export function corrupt(path: string, what: string): CandorError {
  return new CandorError('AUDIO_CORRUPT', `${path} is not readable audio: ${what}`,
    'Check that the file plays in a media player; re-export it as WAV or FLAC if it does not.');
}

export function truncated(path: string, expectedSec: number, presentSec: number): CandorError {
  return new CandorError('AUDIO_TRUNCATED',
    `${path} is truncated: its header announces ${expectedSec.toFixed(1)} s of audio but only ${presentSec.toFixed(1)} s are there`,
    `Re-export the recording, or pass --allow-truncated to analyse the ${presentSec.toFixed(1)} s that are present.`);
}

export function checkSampleRate(path: string, rate: number): void {
  if (!Number.isFinite(rate) || rate < MIN_SAMPLE_RATE || rate > MAX_SAMPLE_RATE) {
    throw new CandorError('AUDIO_SAMPLE_RATE',
      `${path} has a sample rate of ${rate} Hz, which Candor cannot analyse (it reads ${MIN_SAMPLE_RATE}-${MAX_SAMPLE_RATE} Hz)`,
      'Convert it, e.g. `ffmpeg -i in -ar 16000 out.wav`, or check that the header is not damaged.');
  }
}

export function checkChannels(path: string, channels: number): void {
  if (!Number.isInteger(channels) || channels < 1) {
    throw new CandorError('AUDIO_CHANNELS', `${path} has ${channels} audio channels`,
      'The file is damaged or has no audio stream; re-export it with one or two channels.');
  }
}
