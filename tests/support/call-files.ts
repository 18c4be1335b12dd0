// The live-capture tests' call on disk: the turn-taking scenario as one mono
// file per side (played into the virtual mic and the call's sink) and as the
// stereo file an offline analysis reads.
import { join } from 'node:path';
import { writeWav } from '../../src-main/engine/audio/wav-writer';
import { TURN_TAKING } from './scenarios';
import { buildCall, writeCall } from './synth';

export interface CallFiles {
  /** channel 0: the microphone's side */
  me: string;
  /** channel 1: the call's side */
  them: string;
  /** both, stereo */
  both: string;
}

export function writeTurnTakingFiles(dir: string): CallFiles {
  const call = buildCall(TURN_TAKING);
  const files = { me: join(dir, 'me.wav'), them: join(dir, 'them.wav'), both: join(dir, 'both.wav') };
  writeWav(files.me, [call.channels[0]], 16000);
  writeWav(files.them, [call.channels[1]], 16000);
  writeCall(files.both, call);
  return files;
}
