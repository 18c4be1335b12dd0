// The figures panel's other parts, typed from the contract: the next steps
// with their times, the participants table, and where the timing came from.
import type { CallView } from '../../../src-main/contract/engine-api';
import type { Side } from '../../../src-main/contract/report';
import { clock, num, pct } from '../../shared/format';

export interface NextStepRow {
  at: number;
  time: string;
  who: string;
  text: string;
}

export function nextStepRows(call: CallView): NextStepRow[] {
  return (call.report?.metrics.nextSteps?.items ?? []).map((s) => ({ at: s.at, time: clock(s.at), who: sideWord(s.side), text: s.text }));
}

function sideWord(side: Side): string {
  return side === 'me' ? 'You' : 'Them';
}

export interface ParticipantRow {
  name: string;
  /** The name as shown: "You" / "Them" for audio-only calls, whose participants are the two sides. */
  label: string;
  side: Side;
  sideLabel: string;
  talk: string;
  share: string;
  turns: string;
  longestMonologue: string;
  questions: string;
  wpm: string;
}

export function participantRows(call: CallView): ParticipantRow[] {
  return call.participants.map((p) => {
    const anonymous = p.name === p.side;
    return {
      name: p.name,
      label: anonymous ? (p.side === 'me' ? 'You' : 'Them') : p.name,
      side: p.side,
      sideLabel: anonymous ? '' : p.side === 'me' ? 'you' : 'them',
      talk: clock(p.talkSec),
      share: pct(p.share),
      turns: String(p.turns),
      longestMonologue: clock(p.longestMonologueSec),
      questions: String(p.questions),
      wpm: num(p.wpm),
    };
  });
}

/** Where an imported call's timing came from, in words; null when the report does not say. */
export function timingSourceText(call: CallView): string | null {
  switch (call.report?.timingSource) {
    case 'audio': return 'Timing from the audio (voice activity)';
    case 'transcript': return 'Timing from the transcript’s cue times';
    default: return null;
  }
}
