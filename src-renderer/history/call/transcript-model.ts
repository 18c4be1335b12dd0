// The transcript's view model: every utterance as a line with its speaker,
// time, filler ranges and marks (questions, engaging questions, next steps,
// all from the engine's lineMarks), search within the call, and the line
// that is being said at a given time.
import type { CallView } from '../../../src-main/contract/engine-api';
import type { Side } from '../../../src-main/contract/report';
import { firstIndexFrom } from '../../../src-main/contract/sorted-search';
import { clock } from '../../shared/format';

export interface TextPart {
  text: string;
  filler: boolean;
  /** A word of the search within the call. */
  hit?: boolean;
}

export interface TranscriptLine {
  index: number;
  start: number;
  end: number;
  time: string;
  side: Side;
  speaker: string;
  text: string;
  parts: TextPart[];
  question: boolean;
  engaging: boolean;
  nextStep: boolean;
}

export function speakerLabel(side: Side, speaker: string | null | undefined): string {
  const name = speaker?.trim();
  if (side === 'me') return name ? `${name} (you)` : 'You';
  return name || 'Them';
}

/** The text cut at the filler ranges, in order. */
export function splitFillers(text: string, fillers: readonly [number, number][]): TextPart[] {
  const parts: TextPart[] = [];
  let at = 0;
  for (const [s, e] of [...fillers].sort((a, b) => a[0] - b[0])) {
    if (s < at || e > text.length || e <= s) continue;
    if (s > at) parts.push({ text: text.slice(at, s), filler: false });
    parts.push({ text: text.slice(s, e), filler: true });
    at = e;
  }
  if (at < text.length || parts.length === 0) parts.push({ text: text.slice(at), filler: false });
  return parts;
}

export function transcriptLines(call: CallView): TranscriptLine[] {
  return call.utterances.map((u, index) => {
    const marks = call.lineMarks[index];
    return {
      index, start: u.start, end: u.end, time: clock(u.start), side: u.side, speaker: speakerLabel(u.side, u.speaker), text: u.text,
      parts: splitFillers(u.text, marks?.fillers ?? []),
      question: marks?.question ?? false, engaging: marks?.engaging ?? false, nextStep: marks?.nextStep ?? false,
    };
  });
}

function queryWords(query: string): string[] {
  return query.toLowerCase().split(/\s+/).filter(Boolean);
}

/** The parts with every occurrence of the query's words cut out as hits (case-insensitive). */
export function markHits(parts: readonly TextPart[], query: string): TextPart[] {
  const words = queryWords(query);
  if (words.length === 0) return [...parts];
  const out: TextPart[] = [];
  for (const p of parts) {
    const lower = p.text.toLowerCase();
    let at = 0;
    while (at < p.text.length) {
      let best = -1;
      let len = 0;
      for (const w of words) {
        const i = lower.indexOf(w, at);
        if (i !== -1 && (best === -1 || i < best || (i === best && w.length > len))) {
          best = i;
          len = w.length;
        }
      }
      if (best === -1) break;
      if (best > at) out.push({ text: p.text.slice(at, best), filler: p.filler });
      out.push({ text: p.text.slice(best, best + len), filler: p.filler, hit: true });
      at = best + len;
    }
    if (at < p.text.length || p.text.length === 0) out.push({ text: p.text.slice(at), filler: p.filler });
  }
  return out;
}

/** Indices of the lines whose text or speaker holds every word of the query (case-insensitive). */
export function searchLines(lines: readonly TranscriptLine[], query: string): number[] {
  const words = queryWords(query);
  if (words.length === 0) return [];
  const out: number[] = [];
  for (const l of lines) {
    const hay = `${l.speaker} ${l.text}`.toLowerCase();
    if (words.every((w) => hay.includes(w))) out.push(l.index);
  }
  return out;
}

/** The line being said at t: the last one that starts at or before t (lines are in time order); -1 before the first. */
export function lineAt(lines: readonly TranscriptLine[], t: number): number {
  return firstIndexFrom(lines, (l) => l.start > t) - 1;
}
