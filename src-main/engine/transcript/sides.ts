// Which side each cue is on.
// - Named speakers: `--me "<name>"` (case and surrounding spaces ignored) is
//   me, everyone else them. A file whose speakers are literally "me" and
//   "them" needs no --me. Without --me the speakers are listed with their
//   talk time; a --me that names no one suggests the closest names.
// - No names: the side whose voice activity in the call's audio covers most
//   of the cue (the audio must be given).
import { CandorError } from '../../contract/errors';
import type { Utterance } from '../../contract/calls';
import type { Segments, Side, Span } from '../../contract/report';
import { participantKey } from '../../contract/participants';
import { firstEndingAfter } from '../metrics/span-search';
import { totalDuration, union } from '../metrics/spans';
import { closestNames } from './closest-names';
import type { RawCue } from './types';

/** Distinct speakers in order of first appearance, spelled as first written. */
export function speakersOf(cues: readonly RawCue[]): string[] {
  const seen = new Map<string, string>();
  for (const c of cues) {
    if (c.speaker === null) continue;
    const k = participantKey(c.speaker);
    if (!seen.has(k)) seen.set(k, c.speaker.trim());
  }
  return [...seen.values()];
}

/** Seconds each speaker talks (overlapping cues of one speaker counted once), by folded name. */
export function talkTimes(cues: readonly RawCue[]): Map<string, number> {
  const spans = new Map<string, Span[]>();
  for (const c of cues) {
    if (c.speaker === null) continue;
    const k = participantKey(c.speaker);
    const list = spans.get(k) ?? [];
    list.push([c.start, c.end]);
    spans.set(k, list);
  }
  return new Map([...spans].map(([k, s]) => [k, totalDuration(union(s, []))]));
}

/** Speakers named in a message; past this many, "and N more". */
export const SPEAKERS_LISTED = 20;

function list(speakers: readonly string[], each: (s: string) => string = (s) => `"${s}"`): string {
  const shown = speakers.slice(0, SPEAKERS_LISTED).map(each).join(', ');
  return speakers.length > SPEAKERS_LISTED ? `${shown} and ${speakers.length - SPEAKERS_LISTED} more` : shown;
}

function listWithTalk(cues: readonly RawCue[], speakers: readonly string[]): string {
  const talk = talkTimes(cues);
  return list(speakers, (s) => `"${s}" (talks ${Math.round(talk.get(participantKey(s)) ?? 0)} s)`);
}

/** Sides by name. Every cue must have a speaker. */
export function sidesByName(cues: readonly RawCue[], me: string | undefined, file: string): Utterance[] {
  const speakers = speakersOf(cues);
  let sideOf: (speaker: string) => Side;
  if (me === undefined || me.trim() === '') {
    const literal = speakers.length > 0 && speakers.every((s) => /^(me|them)$/i.test(s.trim()));
    if (!literal) {
      throw new CandorError('BAD_ARGUMENT', `${file}: which speaker are you? Speakers found: ${listWithTalk(cues, speakers)}`,
        `Pass --me "<name>" with one of them.`);
    }
    sideOf = (s) => (participantKey(s) === 'me' ? 'me' : 'them');
  } else {
    const key = participantKey(me);
    if (!speakers.some((s) => participantKey(s) === key)) {
      const near = closestNames(me, speakers);
      const suggestion = near.length ? ` Did you mean ${near.slice(0, 3).map((n) => `"${n}"`).join(' or ')}?` : '';
      throw new CandorError('TRANSCRIPT_INVALID', `${file}: no speaker named "${me.trim()}"; speakers found: ${list(speakers)}`,
        `Pass --me with one of those names, spelled as in the file.${suggestion}`);
    }
    sideOf = (s) => (participantKey(s) === key ? 'me' : 'them');
  }
  return sortUtterances(cues.map((c) => ({ side: sideOf(c.speaker ?? ''), speaker: c.speaker, start: c.start, end: c.end, text: c.text })));
}

/** Seconds of `spans` (one side's segments: sorted, not overlapping) inside [start, end]. */
function covered(spans: readonly Span[], start: number, end: number): number {
  let t = 0;
  for (let i = firstEndingAfter(spans, start); i < spans.length && spans[i][0] < end; i++) {
    t += Math.min(end, spans[i][1]) - Math.max(start, spans[i][0]);
  }
  return t;
}

/** Distance from [start, end] to the nearest span (0 when they touch), Infinity when there are none. */
function distance(spans: readonly Span[], start: number, end: number): number {
  const i = firstEndingAfter(spans, start);
  const after = i < spans.length ? Math.max(0, spans[i][0] - end) : Infinity;
  const before = i > 0 ? start - spans[i - 1][1] : Infinity;
  return Math.min(after, before);
}

/**
 * The side of a cue from the call's voice activity: the side that covers
 * more of the cue; when neither covers any of it, the side that speaks
 * nearest in time (them on a tie). `nearest` counts those.
 */
export function sideFromAudio(segments: Segments, start: number, end: number): { side: Side; nearest: boolean } {
  const me = covered(segments.me, start, end);
  const them = covered(segments.them, start, end);
  if (me > 0 || them > 0) return { side: me > them ? 'me' : 'them', nearest: false };
  return { side: distance(segments.me, start, end) < distance(segments.them, start, end) ? 'me' : 'them', nearest: true };
}

export function sortUtterances(u: Utterance[]): Utterance[] {
  return u.sort((a, b) => a.start - b.start || a.end - b.end);
}
