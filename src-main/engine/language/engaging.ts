// Engaging questions (METRICS.md): a question of mine followed by them
// speaking at least 5.0 s in total before I speak again for more than 3.0 s.
// Times come from the segments (bridged per METRICS.md): counting starts
// when my question's utterance ends and stops at the first stretch of my
// speech, one segment, that runs more than 3.0 s after that point (my short
// back-channels do not stop it); their speech in between is summed.
import type { EngagingQuestion } from '../../contract/language';
import type { Segments, Span } from '../../contract/report';
import { ENGAGING_MIN_THEIR_SEC, ENGAGING_MY_RESUME_SEC } from '../metrics/definitions';
import { firstEndingAfter } from '../metrics/span-search';
import type { PreparedUtterance } from './prepare';

export type { EngagingQuestion };

function speechBetween(spans: readonly Span[], a: number, b: number): number {
  let t = 0;
  for (let i = firstEndingAfter(spans, a); i < spans.length && spans[i][0] < b; i++) {
    t += Math.max(0, Math.min(b, spans[i][1]) - Math.max(a, spans[i][0]));
  }
  return t;
}

/** When I next speak for more than 3.0 s after t (durationSec if never). */
function myResume(me: readonly Span[], t: number, durationSec: number): number {
  for (let i = firstEndingAfter(me, t); i < me.length; i++) {
    const from = Math.max(me[i][0], t);
    if (me[i][1] - from > ENGAGING_MY_RESUME_SEC) return from;
  }
  return Math.max(durationSec, t);
}

export function engagingQuestions(prepared: readonly PreparedUtterance[], segments: Segments, durationSec: number): EngagingQuestion[] {
  const me = [...segments.me].sort((a, b) => a[0] - b[0]);
  const them = [...segments.them].sort((a, b) => a[0] - b[0]);
  const out: EngagingQuestion[] = [];
  for (const p of prepared) {
    if (p.u.side !== 'me' || !p.question) continue;
    const t0 = p.u.end;
    const theirSec = speechBetween(them, t0, myResume(me, t0, durationSec));
    if (theirSec >= ENGAGING_MIN_THEIR_SEC) out.push({ at: p.u.start, text: p.u.text, theirSec: Math.round(theirSec * 10) / 10 });
  }
  return out;
}
