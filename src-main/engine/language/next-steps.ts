// Next steps (METRICS.md): a commitment or proposal together with a time
// reference, both in the same utterance (either side may say it), in the
// last third of the call or its last 5 minutes, whichever window is longer.
// An utterance counts when it starts inside that window; one outside does
// not count. A negated commitment ("I won't send it Tuesday") does not count.
import type { NextStepItem, NextStepsMetric } from '../../contract/language';
import type { PreparedUtterance } from './prepare';

export const NEXT_STEPS_LAST_SEC = 300;

const V_SEND = 'send|share|follow up|get back|email|e-mail|call|ring|schedule|set up|put together|circle back|loop in|' +
  'introduce|draft|prepare|book|reach out|review|check|confirm|forward|write up|ping|text|invite|update|get you|have|' +
  'sign|start|kick off|meet|talk|demo|present';
const V_MEET = 'schedule|set up|setup|meet|book|plan|follow up|reconnect|talk(?! about)|touch base|circle back|sync|catch up|' +
  'get together|regroup|review|do|pick|continue|chat|hop on|find|get|aim|say|go with|lock in|pencil';
const GAP = '(?:[\\w\']+\\s+){0,3}?';

export const COMMITMENT: readonly RegExp[] = [
  new RegExp(`\\blet'?s\\s+${GAP}(?:${V_MEET})\\b`),
  new RegExp(`\\b(?:i'll|i will|we'll|we will|i'm going to|we're going to|i am going to|we are going to|i can|we can|` +
    `i'd like to|we'd like to|i want to|we want to|i plan to|we plan to)\\s+${GAP}(?:${V_SEND})\\b`),
  new RegExp(`\\b(?:can|could|shall|should)\\s+we\\s+${GAP}(?:${V_MEET})\\b`),
  new RegExp(`\\b(?:can|could|would|will)\\s+you\\s+${GAP}(?:${V_SEND})\\b`),
  /\bfollow[- ]?ups?\b/,
  /\bnext steps?\b/,
  /\bcalendar invite\b|\bsend (?:you |over )?(?:an? )?invite\b/,
  /\b(?:set up|book|schedule) (?:a|an|another|the|some|our) (?:call|meeting|demo|time|slot|session|review|workshop)\b/,
  /\b(?:how|what) about\b/,
  /\bworks? for (?:you|me|us)\b/,
];

const NEGATION = /\b(?:won't|will not|can't|cannot|couldn't|shouldn't|not going to|no need to|never|don't think we)\b/;

const DAYS = 'monday|tuesday|wednesday|thursday|friday|saturday|sunday';
const MONTHS = 'january|february|march|april|may|june|july|august|september|sept|october|november|december';

export const TIME_REFERENCE: readonly RegExp[] = [
  new RegExp(`\\b(?:${DAYS})s?\\b`),
  /\b(?:tomorrow|tonight|today|weekend)\b/,
  /\b(?:next|this|coming|following) (?:week|month|quarter|year|time|sprint|morning|afternoon|evening)\b/,
  /\bend of (?:the )?(?:day|week|month|quarter|year|sprint)\b|\b(?:eod|eow|eom|eoq|asap)\b/,
  /\b(?:in|within) (?:an?|one|two|three|four|five|six|\d+|a couple of|a few|the next) (?:few )?(?:hours?|days?|weeks?|months?)\b/,
  new RegExp(`\\b(?:${MONTHS}) \\d{1,2}(?:st|nd|rd|th)?\\b|\\b\\d{1,2}(?:st|nd|rd|th)? (?:of )?(?:${MONTHS})\\b`),
  /\bthe \d{1,2}(?:st|nd|rd|th)\b/,
  /\b\d{1,2}\/\d{1,2}(?:\/\d{2,4})?\b|\b\d{4}-\d{2}-\d{2}\b/,
  /\b\d{1,2}(?::\d{2})? ?(?:am|pm|a\.m\.|p\.m\.)|\bat \d{1,2}(?::\d{2})?\b|\bnoon\b|\bo'clock\b/,
  /\blater (?:today|this week|this month)\b|\bearly next\b/,
];

export type { NextStepItem, NextStepsMetric };

/** Start of the window in which next steps count. */
export function nextStepsWindowStart(durationSec: number): number {
  return Math.max(0, Math.min((durationSec * 2) / 3, durationSec - NEXT_STEPS_LAST_SEC));
}

export function isNextStep(text: string): boolean {
  const s = text.toLowerCase().replace(/’/g, "'");
  return COMMITMENT.some((r) => r.test(s)) && TIME_REFERENCE.some((r) => r.test(s)) && !NEGATION.test(s);
}

export function nextSteps(prepared: readonly PreparedUtterance[], durationSec: number): NextStepsMetric {
  const from = nextStepsWindowStart(durationSec);
  const items: NextStepItem[] = [];
  for (const p of prepared) {
    if (p.u.start < from || !isNextStep(p.u.text)) continue;
    items.push({ text: p.u.text.length > 240 ? `${p.u.text.slice(0, 237)}...` : p.u.text, at: p.u.start, side: p.u.side });
  }
  return { set: items.length > 0, items };
}
