// Maps a recording onto the two sides of a call and streams each side as
// 16 kHz mono: stereo is channel 0 = me, channel 1 = them; a mono file
// needs a side; a call recorded as two files has one file per side.
import { CandorError } from '../../contract/errors';
import type { Side } from '../../contract/report';
import { openAudioFile } from './decode/open-audio-file';
import type { AudioInfo, DecodeOptions, DecodedStream } from './decode/types';
import { downmix, StreamResampler } from './resampler';

export type CallAudioSpec =
  | { file: string; side?: Side }
  | { me: string; them: string };

export interface SideChunk {
  side: Side;
  samples: Float32Array; // 16 kHz mono
}

export interface CallAudio {
  sides: Side[];
  /** Longest known duration of the inputs, or null. */
  durationSec: number | null;
  infos: AudioInfo[];
  chunks(): AsyncGenerator<SideChunk>;
  /** The decoders' notes (damaged frames left out), once chunks() has ended. */
  notes(): string[];
  close(): Promise<void>;
}

function channelMapping(path: string, info: AudioInfo, side?: Side): { side: Side; channels: number[] }[] {
  if (side) return [{ side, channels: Array.from({ length: info.channels }, (_, i) => i) }];
  if (info.channels === 2) return [{ side: 'me', channels: [0] }, { side: 'them', channels: [1] }];
  if (info.channels === 1) {
    throw new CandorError('AUDIO_CHANNELS', `${path} is mono, so Candor cannot tell whose voice it is`,
      'Pass --side me (it is your microphone) or --side them (it is the other side), or give a stereo file (channel 0 = me, channel 1 = them).');
  }
  throw new CandorError('AUDIO_CHANNELS', `${path} has ${info.channels} channels; Candor expects stereo (channel 0 = me, channel 1 = them)`,
    'Pass --side me|them to analyse all channels mixed as one side, or export a stereo file.');
}

async function* sideChunks(path: string, stream: DecodedStream, mapping: { side: Side; channels: number[] }[]): AsyncGenerator<SideChunk> {
  const resamplers = await Promise.all(mapping.map(() => StreamResampler.create(stream.info.sampleRate)));
  try {
    for await (const chunk of stream.chunks()) {
      for (let m = 0; m < mapping.length; m++) {
        const mono = downmix(mapping[m].channels.map((c) => chunk[c]));
        const samples = resamplers[m].process(mono);
        if (samples.length) yield { side: mapping[m].side, samples };
      }
    }
  } finally {
    for (const r of resamplers) r.destroy();
  }
}

export async function openCallAudio(spec: CallAudioSpec, opts: DecodeOptions = {}): Promise<CallAudio> {
  if ('file' in spec) {
    const stream = await openAudioFile(spec.file, opts);
    let mapping: { side: Side; channels: number[] }[];
    try {
      mapping = channelMapping(spec.file, stream.info, spec.side);
    } catch (err) {
      await stream.close();
      throw err;
    }
    return {
      sides: mapping.map((m) => m.side),
      durationSec: stream.info.durationSec,
      infos: [stream.info],
      chunks: () => sideChunks(spec.file, stream, mapping),
      notes: () => stream.notes(),
      close: () => stream.close(),
    };
  }
  const me = await openAudioFile(spec.me, opts);
  let them: DecodedStream;
  try {
    them = await openAudioFile(spec.them, opts);
  } catch (err) {
    await me.close();
    throw err;
  }
  const durations = [me.info.durationSec, them.info.durationSec];
  return {
    sides: ['me', 'them'],
    durationSec: durations.every((d) => d !== null) ? Math.max(...(durations as number[])) : null,
    infos: [me.info, them.info],
    async *chunks() {
      // Interleave the two files so the pipeline's buffers stay small.
      const a = sideChunks(spec.me, me, [{ side: 'me', channels: Array.from({ length: me.info.channels }, (_, i) => i) }]);
      const b = sideChunks(spec.them, them, [{ side: 'them', channels: Array.from({ length: them.info.channels }, (_, i) => i) }]);
      let doneA = false;
      let doneB = false;
      let lead = 0; // samples of me minus samples of them emitted
      while (!doneA || !doneB) {
        const pickA = !doneA && (doneB || lead <= 0);
        const r = pickA ? await a.next() : await b.next();
        if (r.done) {
          if (pickA) doneA = true;
          else doneB = true;
          continue;
        }
        lead += pickA ? r.value.samples.length : -r.value.samples.length;
        yield r.value;
      }
    },
    notes: () => [...me.notes(), ...them.notes()],
    async close() {
      await Promise.all([me.close(), them.close()]);
    },
  };
}
