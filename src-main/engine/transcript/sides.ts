// Which speaker is me: `--me "<name>"` (case and surrounding spaces ignored);
// everyone else is them. A file whose speakers are literally "me" and "them"
// needs no --me.
import { CandorError } from '../../contract/errors';
import type { Utterance } from '../../contract/calls';
import type { Side } from '../../contract/report';
import type { RawCue } from './types';

export function speakersOf(cues: readonly RawCue[]): string[] {
  const seen = new Map<string, string>();
  for (const c of cues) if (c.speaker !== null && !seen.has(c.speaker.toLowerCase())) seen.set(c.speaker.toLowerCase(), c.speaker);
  return [...seen.values()];
}

function list(speakers: string[]): string {
  return speakers.map((s) => `"${s}"`).join(', ');
}

export function assignSides(cues: readonly RawCue[], me: string | undefined, file: string): Utterance[] {
  const speakers = speakersOf(cues);
  let sideOf: (speaker: string) => Side;
  if (me === undefined || me.trim() === '') {
    const literal = speakers.every((s) => /^(me|them)$/i.test(s));
    if (!literal || speakers.length === 0) {
      throw new CandorError('BAD_ARGUMENT', `${file}: which speaker are you? Speakers found: ${list(speakers)}`,
        `Pass --me "<name>" with one of them.`);
    }
    sideOf = (s) => (s.toLowerCase() === 'me' ? 'me' : 'them');
  } else {
    const key = me.trim().toLowerCase();
    if (!speakers.some((s) => s.toLowerCase() === key)) {
      throw new CandorError('TRANSCRIPT_INVALID', `${file}: no speaker named "${me.trim()}"; speakers found: ${list(speakers)}`,
        'Pass --me with one of those names, spelled as in the file.');
    }
    sideOf = (s) => (s.toLowerCase() === key ? 'me' : 'them');
  }
  return cues
    .map((c) => ({ side: sideOf(c.speaker ?? ''), speaker: c.speaker, start: c.start, end: c.end, text: c.text }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
}
