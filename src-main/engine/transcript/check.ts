// Checks on parsed cues that need the whole file: every cue has a speaker
// (a cue without a name continues the previous speaker, as in SRT exports
// that name the speaker only when it changes), and one speaker never speaks
// in two cues at once. Different speakers may overlap: real calls do.
import { fmtSec, transcriptError } from './errors';
import type { RawCue } from './types';

/** Overlap allowed between cues of one speaker, for rounding in exports. */
export const SAME_SPEAKER_OVERLAP_TOLERANCE_SEC = 0.01;

export function fillSpeakers(cues: readonly RawCue[], file: string): RawCue[] {
  if (cues.length > 0 && cues.every((c) => c.speaker === null)) {
    throw transcriptError(file, null, 'the transcript names no speakers, so Candor cannot tell your lines from theirs',
      'Use an export with speaker names ("Name: text" or <v Name>), or JSON Lines with a "speaker" field.');
  }
  let last: string | null = null;
  return cues.map((c) => {
    if (c.speaker !== null) {
      last = c.speaker;
      return c;
    }
    if (last === null) throw transcriptError(file, c.line, 'the first cue names no speaker', 'Start the cue text with "Name: ".');
    return { ...c, speaker: last };
  });
}

export function checkSameSpeakerOverlap(cues: readonly RawCue[], file: string): void {
  const bySpeaker = new Map<string, RawCue[]>();
  for (const c of cues) {
    const key = c.speaker ?? '';
    const list = bySpeaker.get(key) ?? [];
    list.push(c);
    bySpeaker.set(key, list);
  }
  for (const [speaker, list] of bySpeaker) {
    const sorted = [...list].sort((a, b) => a.start - b.start || a.line - b.line);
    for (let i = 1; i < sorted.length; i++) {
      const prev = sorted[i - 1];
      const cur = sorted[i];
      if (cur.start < prev.end - SAME_SPEAKER_OVERLAP_TOLERANCE_SEC) {
        throw transcriptError(file, cur.line,
          `"${speaker}" speaks in two cues at once: this cue starts at ${fmtSec(cur.start)}, before their cue on line ${prev.line} ends at ${fmtSec(prev.end)}`,
          'Fix the times in the file; overlapping speech is only valid between different speakers.');
      }
    }
  }
}
