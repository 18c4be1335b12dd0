// The language part of a live snapshot (contract/live.ts): my questions and
// fillers so far and the last lines of transcript, updated as the
// transcriber hands back utterances. Each utterance is read once.
import type { Utterance } from '../../contract/calls';
import type { LiveSnapshot } from '../../contract/live';
import { prepareUtterance } from './prepare';

export type LiveWordsSnapshot = Pick<LiveSnapshot, 'questionsMe' | 'fillers' | 'languageAvailable' | 'transcriptTail'>;

export class LiveWords {
  private questionsMe = 0;
  private fillersMe = 0;
  private readonly kept: Utterance[] = [];
  private tail: LiveSnapshot['transcriptTail'] = [];

  /** available: whether a transcriber is running (false = no ASR model; the figures stay null). */
  constructor(private readonly available: boolean, private readonly tailSize = 8) {}

  add(utterances: readonly Utterance[]): void {
    for (const u of utterances) {
      const p = prepareUtterance(u);
      if (u.side === 'me') {
        if (p.question) this.questionsMe++;
        this.fillersMe += p.fillers.length;
      }
      this.kept.push(u);
      this.tail.push({ side: u.side, start: u.start, text: u.text });
    }
    // utterances of the two sides arrive out of order: keep the tail in time order
    this.tail.sort((a, b) => a.start - b.start);
    if (this.tail.length > this.tailSize) this.tail = this.tail.slice(-this.tailSize);
  }

  /** Everything transcribed so far, in time order (for the saved call). */
  utterances(): Utterance[] {
    return [...this.kept].sort((a, b) => a.start - b.start);
  }

  snapshot(): LiveWordsSnapshot {
    return {
      questionsMe: this.available ? this.questionsMe : null,
      fillers: this.available ? this.fillersMe : null,
      languageAvailable: this.available,
      transcriptTail: [...this.tail],
    };
  }
}
