// The live coach: watches LiveSnapshots and says at most one thing a minute.
// Cool-downs run on the call's clock (elapsedSec), which is wall time in a
// live call and keeps replays deterministic at any speed.
import type { Nudge } from '../../contract/engine-api';
import type { LiveSnapshot } from '../../contract/live';
import type { NudgeKind } from '../../contract/settings';
import { freshMemory, NUDGE_TITLES, PRIORITY, remember, RULES, type CallMemory } from './rules';

export interface CoachOptions {
  /** At most one nudge of any kind in this many seconds. */
  globalCooldownSec?: number;
  /** The same kind again only after this many seconds. */
  kindCooldownSec?: number;
  muted?: readonly NudgeKind[];
  paused?: boolean;
}

export const DEFAULT_GLOBAL_COOLDOWN_SEC = 60;
export const DEFAULT_KIND_COOLDOWN_SEC = 300;

export class NudgeCoach {
  private callId: number | null = null;
  private mem: CallMemory = freshMemory();
  private lastAnySec = -Infinity;
  private lastByKind = new Map<NudgeKind, number>();
  private muted: Set<NudgeKind>;
  private paused: boolean;
  private seq = 0;
  readonly globalCooldownSec: number;
  readonly kindCooldownSec: number;

  constructor(opts: CoachOptions = {}) {
    this.globalCooldownSec = opts.globalCooldownSec ?? DEFAULT_GLOBAL_COOLDOWN_SEC;
    this.kindCooldownSec = opts.kindCooldownSec ?? DEFAULT_KIND_COOLDOWN_SEC;
    this.muted = new Set(opts.muted ?? []);
    this.paused = opts.paused ?? false;
  }

  setMuted(kinds: readonly NudgeKind[]): void {
    this.muted = new Set(kinds);
  }

  setPaused(paused: boolean): void {
    this.paused = paused;
  }

  get isPaused(): boolean {
    return this.paused;
  }

  /** Forgets the call: the next snapshot starts a new one. */
  reset(): void {
    this.callId = null;
    this.mem = freshMemory();
    this.lastAnySec = -Infinity;
    this.lastByKind.clear();
  }

  /** Feeds one snapshot; returns the nudge to show now, if any. */
  observe(s: LiveSnapshot): Nudge | null {
    if (s.state !== 'recording' || s.callId === null) return null;
    if (s.callId !== this.callId) {
      this.reset();
      this.callId = s.callId;
    }
    this.mem = remember(this.mem, s);
    if (this.paused) return null;
    const t = s.elapsedSec;
    if (t - this.lastAnySec < this.globalCooldownSec) return null;
    for (const kind of PRIORITY) {
      if (this.muted.has(kind)) continue;
      const last = this.lastByKind.get(kind);
      if (last !== undefined && t - last < this.kindCooldownSec) continue;
      const detail = RULES[kind](s, this.mem);
      if (detail === null) continue;
      this.lastAnySec = t;
      this.lastByKind.set(kind, t);
      return { id: `${s.callId}-${++this.seq}`, kind, title: NUDGE_TITLES[kind], detail, callId: s.callId, atSec: Math.round(t * 10) / 10 };
    }
    return null;
  }
}
