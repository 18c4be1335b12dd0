// Every constant of ../shared/METRICS.md, in one place. Code that applies a
// definition imports its number from here; nothing else writes these values.
// (Engineering choices that METRICS.md does not state, such as the minimum
// segment length or the engagement weights, live beside the code that uses them.)

/** Speech segments: pauses shorter than this inside a side's speech are bridged. */
export const BRIDGE_PAUSE_SEC = 0.5;

/** Longest monologue: my own pauses must be shorter than this. */
export const MONOLOGUE_MAX_PAUSE_SEC = 2.0;
/** Longest monologue: a segment of the other side up to this long is a back-channel and does not end it. */
export const MONOLOGUE_MAX_BACKCHANNEL_SEC = 1.0;

/** Patience and engagement response gaps: only hand-overs within this gap count. */
export const HANDOVER_MAX_GAP_SEC = 5.0;

/** Interruption: my segment lasts at least this long ... */
export const INTERRUPT_MIN_SEGMENT_SEC = 1.0;
/** ... starting while they have been speaking for at least this long ... */
export const INTERRUPT_MIN_PRIOR_SEC = 1.0;
/** ... and they are still speaking this long after my start. */
export const INTERRUPT_STILL_SPEAKING_SEC = 0.3;

/** Engaging question: they speak at least this long in total ... */
export const ENGAGING_MIN_THEIR_SEC = 5.0;
/** ... before I speak again for more than this long. */
export const ENGAGING_MY_RESUME_SEC = 3.0;

/** Participants: a turn ends at another speaker's utterance longer than this. */
export const PARTICIPANT_TURN_BREAK_SEC = 1.0;

/** Acoustic pace: estimated wpm = syllables per minute / this (mean English syllables per word). */
export const SYLLABLES_PER_WORD = 1.4;
