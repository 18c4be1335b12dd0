// Notices calls by themselves: when another application starts recording
// from the microphone (a call app joining a call), and when it has released
// the microphone for a while (the call is over). Linux: PulseAudio/PipeWire
// source-outputs, watched through the sound server's events (pulse-events.ts)
// and re-listed on each change, with a slow poll as a fallback should the
// subscription die.
import { CandorError } from '../../contract/errors';
import { otherMicUsers, type MicUser } from './mic-users';
import { pactlAsync } from './pactl';
import { pulseEvents } from './pulse-events';

export interface CallDetectorOptions {
  /** Source to watch; the default source (followed as it changes) when absent. */
  mic?: string;
  /** A new user must hold the microphone this long before it counts (ignores blips). */
  confirmMs?: number;
  /** The microphone must stay released this long before the call counts as over. */
  releaseMs?: number;
  /** Fallback re-list interval. */
  pollMs?: number;
  onCallStarted(e: { apps: string[]; users: MicUser[] }): void;
  onCallEnded(e: { releasedMs: number }): void;
  onError?(err: CandorError): void;
}

export const CALL_CONFIRM_MS = 1000;
export const CALL_RELEASE_MS = 60_000;
const POLL_MS = 3000;
const SETTLE_MS = 50;

type State = { kind: 'idle' } | { kind: 'pending'; since: number } | { kind: 'in-call' } | { kind: 'releasing'; since: number };

export class CallDetector {
  private state: State = { kind: 'idle' };
  private unlisten: (() => void) | null = null;
  private timers = new Set<NodeJS.Timeout>();
  private poll: NodeJS.Timeout | null = null;
  private checking = false;
  private again = false;
  private stopped = false;
  private readonly confirmMs: number;
  private readonly releaseMs: number;

  constructor(private readonly o: CallDetectorOptions) {
    this.confirmMs = o.confirmMs ?? CALL_CONFIRM_MS;
    this.releaseMs = o.releaseMs ?? CALL_RELEASE_MS;
  }

  get inCall(): boolean {
    return this.state.kind === 'in-call' || this.state.kind === 'releasing';
  }

  /** Starts watching; resolves after the first look at the microphone. */
  async start(): Promise<void> {
    this.stopped = false;
    this.unlisten ??= pulseEvents.listen((facility) => {
      // a new or gone recording stream, or the default source moved
      if (facility === 'source-output' || facility === 'server') this.schedule(SETTLE_MS);
    });
    this.poll = setInterval(() => this.schedule(0), this.o.pollMs ?? POLL_MS);
    this.poll.unref();
    await this.check();
  }

  stop(): void {
    this.stopped = true;
    this.unlisten?.();
    this.unlisten = null;
    if (this.poll) clearInterval(this.poll);
    this.poll = null;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.state = { kind: 'idle' };
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    const t = setTimeout(() => {
      this.timers.delete(t);
      void this.check();
    }, ms);
    t.unref();
    this.timers.add(t);
  }

  private async check(): Promise<void> {
    if (this.stopped) return;
    if (this.checking) {
      this.again = true;
      return;
    }
    this.checking = true;
    try {
      const mic = this.o.mic ?? (await pactlAsync(['get-default-source']));
      const users = await otherMicUsers(mic);
      if (!this.stopped) this.advance(users, Date.now());
    } catch (err) {
      if (err instanceof CandorError) {
        this.o.onError?.(err);
        this.stop();
        return;
      }
      throw err;
    } finally {
      this.checking = false;
    }
    if (this.again) {
      this.again = false;
      await this.check();
    }
  }

  private advance(users: MicUser[], now: number): void {
    const used = users.length > 0;
    const s = this.state;
    if (s.kind === 'idle' && used) {
      this.state = { kind: 'pending', since: now };
      this.schedule(this.confirmMs);
    } else if (s.kind === 'pending') {
      if (!used) this.state = { kind: 'idle' };
      else if (now - s.since >= this.confirmMs) {
        this.state = { kind: 'in-call' };
        this.o.onCallStarted({ apps: [...new Set(users.map((u) => u.app))], users });
      }
    } else if (s.kind === 'in-call' && !used) {
      this.state = { kind: 'releasing', since: now };
      this.schedule(this.releaseMs);
    } else if (s.kind === 'releasing') {
      if (used) this.state = { kind: 'in-call' };
      else if (now - s.since >= this.releaseMs) {
        this.state = { kind: 'idle' };
        this.o.onCallEnded({ releasedMs: now - s.since });
      }
    }
  }
}
