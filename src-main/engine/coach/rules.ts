// The four nudges and when each one is due, read off a LiveSnapshot against
// the recommended ranges of METRICS.md (contract/ranges.ts). Each rule is a
// pure function of the snapshot and a little memory of the call so far.
import type { LiveSnapshot } from '../../contract/live';
import { RANGES } from '../../contract/ranges';
import type { NudgeKind } from '../../contract/settings';

/** What the coach remembers about the running call, updated on every snapshot. */
export interface CallMemory {
  /** Call time at which I last asked a question (0 = call start). */
  lastQuestionAtSec: number;
  lastQuestions: number | null;
  /** Call time since which my recent pace has been above the range, or null. */
  fastSinceSec: number | null;
  lastInterruptionsMe: number;
  /** Set when I interrupted on this snapshot. */
  interruptedNow: boolean;
  lastPatienceCount: number;
  /** Set when a new hand-over of theirs to me was counted on this snapshot. */
  newHandover: boolean;
}

export function freshMemory(): CallMemory {
  return { lastQuestionAtSec: 0, lastQuestions: null, fastSinceSec: null, lastInterruptionsMe: 0, interruptedNow: false, lastPatienceCount: 0, newHandover: false };
}

/** Folds one snapshot into the memory. */
export function remember(mem: CallMemory, s: LiveSnapshot): CallMemory {
  const t = s.elapsedSec;
  const next = { ...mem };
  if (s.questionsMe !== null) {
    if (mem.lastQuestions !== null && s.questionsMe > mem.lastQuestions) next.lastQuestionAtSec = t;
    next.lastQuestions = s.questionsMe;
  }
  const fast = s.recentWpm !== null && s.recentWpm > RANGES.paceWpm.max;
  next.fastSinceSec = fast ? (mem.fastSinceSec ?? t) : null;
  next.interruptedNow = s.interruptions.me > mem.lastInterruptionsMe;
  next.lastInterruptionsMe = s.interruptions.me;
  next.newHandover = s.patienceSec.count > mem.lastPatienceCount;
  next.lastPatienceCount = s.patienceSec.count;
  return next;
}

export const RULE_TUNING = {
  /** Talk share is too noisy to judge before this much call time. */
  talkShareMinElapsedSec: 60,
  /** A monologue this long gets a nudge: time to wind up before the 2.5 min range limit. */
  monologueNudgeSec: 90,
  /** Pace must stay above the range this long. */
  fastForSec: 15,
  /** One engaging question per 10 minutes. */
  questionWindowSec: 600,
  /** Patience is judged once there are this many hand-overs. */
  patienceMinCount: 3,
} as const;

export interface NudgeText {
  title: string;
  detail: string;
}

function pct(x: number): string {
  return `${Math.round(x * 100)}%`;
}

function mmss(sec: number): string {
  const s = Math.round(sec);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

export const NUDGE_TITLES: Record<NudgeKind, string> = {
  'let-them-talk': 'Let them talk',
  'slow-down': 'Slow down',
  'ask-a-question': 'Ask a question',
  'pause-before-answering': 'Pause before answering',
};

type Rule = (s: LiveSnapshot, mem: CallMemory) => string | null;

export const RULES: Record<NudgeKind, Rule> = {
  'let-them-talk'(s) {
    if (s.currentMonologueSec >= RULE_TUNING.monologueNudgeSec) {
      return `You have been talking for ${mmss(s.currentMonologueSec)} without a break.`;
    }
    if (s.elapsedSec >= RULE_TUNING.talkShareMinElapsedSec && s.talkShare !== null && s.talkShare > RANGES.talkShare.max) {
      return `You have talked ${pct(s.talkShare)} of this call (aim for ${pct(RANGES.talkShare.min)}–${pct(RANGES.talkShare.max)}).`;
    }
    return null;
  },
  'pause-before-answering'(s, mem) {
    if (mem.interruptedNow) return 'You came in while they were still speaking.';
    if (mem.newHandover && s.patienceSec.count >= RULE_TUNING.patienceMinCount && s.patienceSec.median !== null
      && s.patienceSec.median < RANGES.patienceSec.min) {
      return `You answer ${s.patienceSec.median.toFixed(1)} s after they stop; give it a beat (${RANGES.patienceSec.min}–${RANGES.patienceSec.max} s).`;
    }
    return null;
  },
  'slow-down'(s, mem) {
    if (mem.fastSinceSec === null || s.recentWpm === null) return null;
    if (s.elapsedSec - mem.fastSinceSec < RULE_TUNING.fastForSec) return null;
    return `About ${Math.round(s.recentWpm)} words a minute (aim for ${RANGES.paceWpm.min}–${RANGES.paceWpm.max}).`;
  },
  'ask-a-question'(s, mem) {
    if (!s.languageAvailable || s.questionsMe === null) return null;
    if (s.elapsedSec - mem.lastQuestionAtSec < RULE_TUNING.questionWindowSec) return null;
    return 'No question from you in the last 10 minutes.';
  },
};

/** When several are due at once, the first in this list wins. */
export const PRIORITY: readonly NudgeKind[] = ['let-them-talk', 'pause-before-answering', 'slow-down', 'ask-a-question'];
