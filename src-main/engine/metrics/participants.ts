// Per-participant figures (METRICS.md "Participants"): one entry per distinct
// speaker (names folded by case and surrounding spaces), "me" among them.
import type { Utterance } from '../../contract/calls';
import { participantKey, type Participant } from '../../contract/participants';
import type { Segments, Side, Span } from '../../contract/report';
import { isQuestion } from '../language/questions';
import { BRIDGE_PAUSE_SEC, PARTICIPANT_TURN_BREAK_SEC } from './definitions';
import { longestMonologue } from './monologue';
import { MIN_TALK_SEC_FOR_PACE } from './pace';
import { bridgeSpans, round, totalDuration, union } from './spans';

interface Speaker {
  name: string;
  side: Side;
  spans: Span[];
  turns: number;
  questions: number;
  words: number;
}

/**
 * Counts turns over items in time order. O(n): the latest long utterance by
 * someone other than the current speaker is kept in two slots.
 */
function countTurns(items: readonly { key: string; start: number; end: number }[], onTurn: (key: string) => void): void {
  const lastSeq = new Map<string, number>();
  let l1 = -1;
  let k1 = '';
  let l2 = -1;
  items.forEach((u, seq) => {
    const prev = lastSeq.get(u.key);
    const longByOther = u.key !== k1 ? l1 : l2;
    if (prev === undefined || longByOther > prev) onTurn(u.key);
    lastSeq.set(u.key, seq);
    if (u.end - u.start > PARTICIPANT_TURN_BREAK_SEC) {
      if (u.key !== k1) l2 = l1;
      l1 = seq;
      k1 = u.key;
    }
  });
}

function speakerName(u: Utterance): string {
  const n = u.speaker?.trim();
  return n ? n : u.side;
}

export function participantsFromUtterances(utterances: readonly Utterance[]): Participant[] {
  const ordered = [...utterances].sort((a, b) => a.start - b.start || a.end - b.end);
  const speakers = new Map<string, Speaker>();
  const items: { key: string; start: number; end: number }[] = [];
  for (const u of ordered) {
    const name = speakerName(u);
    const key = participantKey(name);
    let sp = speakers.get(key);
    if (!sp) {
      sp = { name, side: u.side, spans: [], turns: 0, questions: 0, words: 0 };
      speakers.set(key, sp);
    }
    sp.spans.push([u.start, u.end]);
    if (isQuestion(u.text)) sp.questions++;
    sp.words += u.text.split(/\s+/).filter(Boolean).length;
    items.push({ key, start: u.start, end: u.end });
  }
  countTurns(items, (key) => speakers.get(key)!.turns++);
  return build([...speakers.values()].map((s) => ({ ...s, spans: bridgeSpans(s.spans, BRIDGE_PAUSE_SEC) })), true);
}

/** Audio-only calls: me and them from their segments; no words, no questions, wpm null (no transcript). */
export function participantsFromSegments(segments: Segments): Participant[] {
  const sides: Side[] = ['me', 'them'];
  const items = sides
    .flatMap((side) => segments[side].map(([start, end]) => ({ key: side, start, end })))
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const turns = new Map<string, number>();
  countTurns(items, (k) => turns.set(k, (turns.get(k) ?? 0) + 1));
  const list = sides.map((side) => ({
    name: side, side, spans: bridgeSpans(segments[side], BRIDGE_PAUSE_SEC),
    turns: turns.get(side) ?? 0, questions: 0, words: 0,
  }));
  return build(list, false);
}

function build(list: readonly Speaker[], withWords: boolean): Participant[] {
  const talks = list.map((s) => totalDuration(s.spans));
  const all = talks.reduce((a, b) => a + b, 0);
  return list.map((s, i) => {
    const others = union(list.filter((_, j) => j !== i).flatMap((o) => o.spans), []);
    const talkSec = talks[i];
    // rounded as the timing metrics are (timing-metrics.ts)
    return {
      name: s.name,
      side: s.side,
      talkSec: round(talkSec, 1),
      share: all > 0 ? round(talkSec / all, 3) : null,
      turns: s.turns,
      longestMonologueSec: round(longestMonologue(s.spans, others), 1),
      questions: s.questions,
      words: s.words,
      wpm: withWords && s.words > 0 && talkSec >= MIN_TALK_SEC_FOR_PACE ? Math.round(s.words / (talkSec / 60)) : null,
    };
  });
}
