// What the transcript parsers produce before sides are assigned: one cue per
// spoken line, with the speaker name the file gave (or null) and the line
// number of the cue in the file, so later checks can point at it.

export type TranscriptFormat = 'vtt' | 'srt' | 'jsonl';
export const TRANSCRIPT_FORMATS: readonly TranscriptFormat[] = ['vtt', 'srt', 'jsonl'];

export interface RawCue {
  speaker: string | null;
  start: number;
  end: number;
  text: string;
  /** 1-based line of the cue's timing line (VTT/SRT) or of the JSON object (JSONL). */
  line: number;
}
