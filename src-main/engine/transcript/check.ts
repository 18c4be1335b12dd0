// Checks on parsed cues that need the whole file: a cue without a name
// continues the previous speaker (SRT and VTT exports that name the speaker
// only when the turn changes), and one speaker never speaks in two cues at
// once. Different speakers may overlap: real calls do.
import { participantKey } from '../../contract/participants';
import { fmtSec, transcriptError } from './errors';
import type { RawCue } from './types';

/** Overlap allowed between cues of one speaker, for rounding in exports. */
export const SAME_SPEAKER_OVERLAP_TOLERANCE_SEC = 0.01;

/**
 * Carries each speaker forward over the unlabelled cues after them, until
 * the next name. Cues before the first name have no one to carry and come
 * back apart, in `leading`.
 */
export function fillSpeakers(cues: readonly RawCue[]): { named: RawCue[]; leading: RawCue[] } {
  let last: string | null = null;
  const named: RawCue[] = [];
  const leading: RawCue[] = [];
  for (const c of cues) {
    if (c.speaker !== null) {
      last = c.speaker;
      named.push(c);
    } else if (last === null) {
      leading.push(c);
    } else {
      named.push({ ...c, speaker: last });
    }
  }
  return { named, leading };
}

export function checkSameSpeakerOverlap(cues: readonly RawCue[], file: string): void {
  const bySpeaker = new Map<string, RawCue[]>();
  for (const c of cues) {
    const key = participantKey(c.speaker ?? '');
    const list = bySpeaker.get(key) ?? [];
    list.push(c);
    bySpeaker.set(key, list);
  }
  for (const list of bySpeaker.values()) {
    const sorted = [...list].sort((a, b) => a.start - b.start || a.line - b.line);
    for (let i = 1; i < sorted.length; i++) {
      const prev = sorted[i - 1];
      const cur = sorted[i];
      if (cur.start < prev.end - SAME_SPEAKER_OVERLAP_TOLERANCE_SEC) {
        throw transcriptError(file, cur.line,
          `"${cur.speaker}" speaks in two cues at once: this cue starts at ${fmtSec(cur.start)}, before their cue on line ${prev.line} ends at ${fmtSec(prev.end)}`,
          'Fix the times in the file; overlapping speech is only valid between different speakers.');
      }
    }
  }
}
