// Checks on parsed cues that need the whole file: a cue without a name
// continues the previous speaker (SRT and VTT exports that name the speaker
// only when the turn changes), and cues of one speaker that overlap are
// noted. Different speakers may overlap: real calls do.
import { participantKey } from '../../contract/participants';
import { fmtSec } from './errors';
import { plural } from './import-log';
import type { RawCue } from './types';

/** Overlap allowed between cues of one speaker, for rounding in exports. */
export const SAME_SPEAKER_OVERLAP_TOLERANCE_SEC = 0.01;

/**
 * Carries each speaker forward over the unlabelled cues after them, until
 * the next name. Cues before the first name have no one to carry and come
 * back apart, in `leading`.
 */
export function fillSpeakers(cues: readonly RawCue[]): { named: RawCue[]; leading: RawCue[]; carried: RawCue[] } {
  let last: string | null = null;
  const named: RawCue[] = [];
  const leading: RawCue[] = [];
  const carried: RawCue[] = [];
  for (const c of cues) {
    if (c.speaker !== null) {
      last = c.speaker;
      named.push(c);
    } else if (last === null) {
      leading.push(c);
    } else {
      const cue = { ...c, speaker: last };
      named.push(cue);
      carried.push(cue);
    }
  }
  return { named, leading, carried };
}

/** Says how many unlabelled cues went to the speaker before them: it changes that speaker's figures. */
export function carriedSpeakerNote(carried: readonly RawCue[]): string | null {
  if (carried.length === 0) return null;
  const first = carried[0];
  return `${plural(carried.length, 'cue')} without a speaker name ${carried.length === 1 ? 'was' : 'were'} given to the speaker before ${carried.length === 1 ? 'it' : 'them'} ` +
    `(first: line ${first.line}, given to "${first.speaker}").`;
}

/**
 * Cues of one speaker that overlap an earlier cue of theirs (diarisers write
 * them): a note naming the first, or null. Not an error: talk time and
 * segments merge each speaker's spans, so overlapping time counts once.
 */
export function sameSpeakerOverlapNote(cues: readonly RawCue[]): string | null {
  const bySpeaker = new Map<string, RawCue[]>();
  for (const c of cues) {
    const key = participantKey(c.speaker ?? '');
    const list = bySpeaker.get(key) ?? [];
    list.push(c);
    bySpeaker.set(key, list);
  }
  let count = 0;
  let first: { cur: RawCue; prev: RawCue } | null = null;
  for (const list of bySpeaker.values()) {
    const sorted = [...list].sort((a, b) => a.start - b.start || a.line - b.line);
    let latest = sorted[0];
    for (let i = 1; i < sorted.length; i++) {
      const cur = sorted[i];
      if (cur.start < latest.end - SAME_SPEAKER_OVERLAP_TOLERANCE_SEC) {
        count++;
        if (!first || cur.line < first.cur.line) first = { cur, prev: latest };
      }
      if (cur.end > latest.end) latest = cur;
    }
  }
  if (!first) return null;
  const { cur, prev } = first;
  return `${plural(count, 'cue')} ${count === 1 ? 'overlaps' : 'overlap'} an earlier cue of the same speaker (first: line ${cur.line}, "${cur.speaker}" from ${fmtSec(cur.start)}, ` +
    `before their cue on line ${prev.line} ends at ${fmtSec(prev.end)}); the overlapping time counts once.`;
}
