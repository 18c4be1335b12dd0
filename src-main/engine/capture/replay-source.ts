// Replays a recording as if it were a live call, in real time (or faster):
// demos, the HUD without a call, and the end-to-end tests. `repeat` plays it
// that many times back to back, as one call, and `lead` keeps it at most that
// far ahead of what the analysis has taken in: hours of call from a short
// file, as fast as the machine allows (the long-call test and bench).
import type { Side } from '../../contract/report';
import { openCallAudio, type CallAudio, type CallAudioSpec } from '../audio/call-audio';
import type { CaptureHandlers, CaptureSource } from './capture-source';

export class ReplaySource implements CaptureSource {
  sides: Side[] = [];
  readonly realtime = false;
  private audio: CallAudio | null = null;
  private stopped = false;
  /** The decoders' notes of every pass so far, each once. */
  private readonly decodeNotes = new Set<string>();

  constructor(readonly spec: CallAudioSpec, readonly speed = 1, readonly repeat = 1,
    readonly lead?: { analysedSec: () => number; maxSec: number }) {}

  get label(): string {
    return `replay of ${'file' in this.spec ? this.spec.file : `${this.spec.me} + ${this.spec.them}`}`;
  }

  /** Opens the file (so its errors surface before the call starts). */
  async open(): Promise<Side[]> {
    this.audio ??= await openCallAudio(this.spec);
    this.sides = this.audio.sides;
    return this.sides;
  }

  async start(h: CaptureHandlers): Promise<void> {
    await this.open();
    const t0 = performance.now();
    const sent = new Map<Side, number>();
    void (async () => {
      try {
        for (let pass = 0; pass < this.repeat && !this.stopped; pass++) {
          if (pass > 0) {
            this.keepNotes();
            await this.audio?.close();
            this.audio = await openCallAudio(this.spec);
          }
          for await (const chunk of this.audio!.chunks()) {
            if (this.stopped) break;
            h.onData(chunk.side, chunk.samples);
            const n = (sent.get(chunk.side) ?? 0) + chunk.samples.length;
            sent.set(chunk.side, n);
            const ahead = (n / 16000 / this.speed) * 1000 - (performance.now() - t0);
            if (ahead > 20) await new Promise((r) => setTimeout(r, ahead));
            while (this.lead && !this.stopped && n / 16000 - this.lead.analysedSec() > this.lead.maxSec) await new Promise((r) => setTimeout(r, 20));
          }
        }
        if (!this.stopped) h.onEnd?.();
      } catch (err) {
        if (!this.stopped) h.onError(err as Error);
      }
    })();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.keepNotes();
    await this.audio?.close();
  }

  notes(): string[] {
    this.keepNotes();
    return [...this.decodeNotes];
  }

  private keepNotes(): void {
    for (const n of this.audio?.notes() ?? []) this.decodeNotes.add(n);
  }
}
