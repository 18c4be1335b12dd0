// Watches live capture so that it never fails silently: system audio that
// is digital silence (or delivers nothing) for more than ~10 s while the
// microphone hears speech is flagged (the call plays through another output,
// or capture is blocked), and every switch to a new default device is kept
// with the gap it left, so the call marks it instead of padding it unseen.
import type { CaptureHealth, DeviceSwitch } from '../../contract/live';
import type { Side } from '../../contract/report';

/** Below this a sample is digital silence (under one 16-bit step either way). */
const DIGITAL_SILENCE = 1.5 / 32768;
/** System audio silent this long while I talk is flagged. */
export const SYSTEM_SILENT_FLAG_SEC = 10;
/** Speech the microphone must have heard during the silence (VAD talk time). */
const MIC_SPEECH_SEC = 2;

export class CaptureWatch {
  private soundAt: number;
  /** My talk time when the system audio last had sound. */
  private micTalkAtSound = 0;
  private flaggedSince: number | null = null;
  /** Longest flagged stretch, for the report's note: [start, seconds]. */
  private worst: { atSec: number; sec: number } | null = null;
  private readonly switches: DeviceSwitch[] = [];
  private readonly waiting = new Map<Side, { sw: DeviceSwitch; since: number }>();

  constructor(private readonly t0: number, private readonly watchesSystem: boolean) {
    this.soundAt = t0;
  }

  /** Audio as it arrives from a device, before any gap filling. */
  onAudio(side: Side, samples: Float32Array, now: number, micTalkSec: number): void {
    const w = this.waiting.get(side);
    if (w && samples.length) {
      w.sw.gapSec = Math.round((now - w.since) / 100) / 10;
      this.waiting.delete(side);
    }
    if (side !== 'them') return;
    for (let i = 0; i < samples.length; i++) {
      if (samples[i] > DIGITAL_SILENCE || samples[i] < -DIGITAL_SILENCE) {
        this.soundAt = now;
        this.micTalkAtSound = micTalkSec;
        this.flaggedSince = null;
        return;
      }
    }
  }

  /** Capture moved to a new device; `lastDataAt` is when the old one last delivered audio. */
  onSwitch(side: Side, from: string, to: string, now: number, lastDataAt: number | undefined): void {
    const sw: DeviceSwitch = { side, atSec: Math.round((now - this.t0) / 100) / 10, from, to, gapSec: null };
    this.switches.push(sw);
    this.waiting.set(side, { sw, since: lastDataAt ?? now });
  }

  health(now: number, micTalkSec: number): CaptureHealth {
    const silentSec = this.watchesSystem ? Math.max(0, (now - this.soundAt) / 1000) : 0;
    const flagged = silentSec > SYSTEM_SILENT_FLAG_SEC && micTalkSec - this.micTalkAtSound >= MIC_SPEECH_SEC;
    if (flagged) {
      this.flaggedSince ??= this.soundAt;
      const atSec = (this.flaggedSince - this.t0) / 1000;
      if (!this.worst || silentSec > this.worst.sec) this.worst = { atSec, sec: silentSec };
    }
    return { systemSilentSec: Math.round(silentSec * 10) / 10, systemSilentWhileMicSpeaks: flagged, switches: this.switches.map((s) => ({ ...s })) };
  }

  /** What the report says about capture: the flagged silence and every device switch. */
  notes(): string[] {
    const notes: string[] = [];
    if (this.worst) {
      notes.push(`system audio was digital silence for ${Math.round(this.worst.sec)} s from ${this.worst.atSec.toFixed(1)} s into the call while the microphone heard speech: the call may have played through another output, or capture was blocked`);
    }
    for (const s of this.switches) {
      const what = s.side === 'them' ? 'system audio' : 'the microphone';
      const gap = s.gapSec === null ? 'the new device delivered no audio after it' : `a gap of ${s.gapSec.toFixed(1)} s, filled with silence`;
      notes.push(`${what} switched from ${s.from} to ${s.to} ${s.atSec.toFixed(1)} s into the call (the default device changed): ${gap}`);
    }
    return notes;
  }
}
