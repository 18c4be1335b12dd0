// Maps model output (text chunks with times relative to the audio given to
// the model) to utterances in call time. A batch holds several segments of
// one side laid end to end (batcher.ts); each chunk goes to the segment it
// overlaps most and is clipped to it.
import type { Utterance } from '../../contract/calls';
import type { Side } from '../../contract/report';
import type { AsrOutput } from './types';

export interface BatchSlot {
  side: Side;
  /** Where the segment starts in the call. */
  startSec: number;
  /** Where it starts in the batch's audio, and how long it is. */
  offsetSec: number;
  durationSec: number;
}

/** Bracketed sound tags Whisper writes for non-speech: [BLANK_AUDIO], (music), [Applause]. */
const NON_SPEECH = /\s*[[(][^\])]{0,40}[\])]\s*/g;

export function cleanText(text: string): string {
  return text.replace(NON_SPEECH, ' ').replace(/\s+/g, ' ').trim();
}

const r3 = (x: number): number => Math.round(x * 1000) / 1000;

/**
 * Utterances per slot, or null when the output has no timed chunks and the
 * batch has more than one slot (the text cannot be split: run them one by one).
 */
export function splitBatchOutput(output: AsrOutput, slots: readonly BatchSlot[]): Utterance[][] | null {
  const out: Utterance[][] = slots.map(() => []);
  const chunks = output.chunks?.filter((c) => Array.isArray(c.timestamp) && Number.isFinite(c.timestamp[0])) ?? [];
  if (chunks.length === 0) {
    const text = cleanText(output.text ?? '');
    if (!text) return out;
    if (slots.length !== 1) return null;
    const s = slots[0];
    out[0].push({ side: s.side, start: r3(s.startSec), end: r3(s.startSec + s.durationSec), text });
    return out;
  }
  const batchEnd = Math.max(...slots.map((s) => s.offsetSec + s.durationSec));
  for (const c of chunks) {
    const text = cleanText(c.text);
    if (!text) continue;
    const a = c.timestamp[0];
    const b = c.timestamp[1] ?? batchEnd;
    let best = -1;
    let bestOverlap = -Infinity;
    slots.forEach((s, i) => {
      const overlap = Math.min(b, s.offsetSec + s.durationSec) - Math.max(a, s.offsetSec);
      if (overlap > bestOverlap) {
        best = i;
        bestOverlap = overlap;
      }
    });
    const s = slots[best];
    const start = Math.min(s.durationSec, Math.max(0, a - s.offsetSec));
    const end = Math.max(start, Math.min(s.durationSec, b - s.offsetSec));
    out[best].push({ side: s.side, start: r3(s.startSec + start), end: r3(s.startSec + end), text });
  }
  return out;
}

/** Utterances of one segment transcribed on its own. */
export function mapAsrOutput(output: AsrOutput, seg: { side: Side; startSec: number; durationSec: number }): Utterance[] {
  return splitBatchOutput(output, [{ ...seg, offsetSec: 0 }])![0];
}
