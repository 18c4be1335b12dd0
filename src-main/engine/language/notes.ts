// Notes a report carries about how its language figures were made.

export const LANGUAGE_NEEDS_MODELS_NOTE =
  'Language metrics (words per minute from words, fillers, questions, next steps, sentiment) need a transcript: ' +
  'run `npm run models` to install the on-device speech model, or pass --transcript <file>. Timing metrics do not need it.';

export const TRANSCRIPT_TIMING_NOTE =
  'Timing metrics come from the transcript\'s cue times, not from audio: they are as precise as the file\'s timestamps.';

export function transcriptWordsNote(source: string): string {
  return `Timing comes from the audio; words come from ${source}.`;
}

export function transcriptLongerNote(transcriptEnd: number, audioSec: number): string {
  return `The transcript runs to ${Math.round(transcriptEnd)} s but the audio is ${Math.round(audioSec)} s long: are they from the same call?`;
}
