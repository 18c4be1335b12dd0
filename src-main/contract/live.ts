// What a live call looks like while it runs: the HUD draws this, the CLI
// prints it once a second. Produced by the engine's LiveSession.
import type { PatienceMetric, Side } from './report';

export type LiveState = 'idle' | 'starting' | 'recording' | 'stopping';

/** Capture followed a new default device mid-call (headphones plugged in, a device removed). */
export interface DeviceSwitch {
  side: Side;
  /** Call time of the switch. */
  atSec: number;
  from: string;
  to: string;
  /** Seconds between the old device's last audio and the new one's first (null while waiting for it). */
  gapSec: number | null;
}

/** Whether capture is working: it must never fail silently. */
export interface CaptureHealth {
  /** How long the system audio (them) has been digital silence, or delivered nothing. */
  systemSilentSec: number;
  /**
   * System audio has been digital silence for more than ~10 s while the
   * microphone hears speech: the call plays through another output, or
   * capture is blocked.
   */
  systemSilentWhileMicSpeaks: boolean;
  switches: DeviceSwitch[];
}

export function healthyCapture(): CaptureHealth {
  return { systemSilentSec: 0, systemSilentWhileMicSpeaks: false, switches: [] };
}

export interface LiveSnapshot {
  state: LiveState;
  callId: number | null;
  /** Seconds of audio processed since the call started. */
  elapsedSec: number;
  talkShare: number | null;
  talkSec: { me: number; them: number };
  /** Length of the monologue I am in right now (0 when I am not in one). */
  currentMonologueSec: number;
  longestMonologueSec: { me: number; them: number };
  patienceSec: PatienceMetric;
  interruptions: { me: number; them: number };
  pace: { method: 'acoustic' | 'transcript'; wpm: number | null };
  /** Pace over the last ~30 s of my speech, what the HUD's nudge uses. */
  recentWpm: number | null;
  speaking: { me: boolean; them: boolean };
  /** Language figures; null while no transcript exists (no ASR model). */
  questionsMe: number | null;
  fillers: number | null;
  languageAvailable: boolean;
  /** Lines of transcript so far, newest last (empty without ASR). */
  transcriptTail: { side: 'me' | 'them'; start: number; text: string }[];
  vision: { facesVisible: number; facingCount: number; cameraOn: boolean } | null;
  capture: CaptureHealth;
}

export function idleSnapshot(): LiveSnapshot {
  return {
    state: 'idle',
    callId: null,
    elapsedSec: 0,
    talkShare: null,
    talkSec: { me: 0, them: 0 },
    currentMonologueSec: 0,
    longestMonologueSec: { me: 0, them: 0 },
    patienceSec: { mean: null, median: null, count: 0 },
    interruptions: { me: 0, them: 0 },
    pace: { method: 'acoustic', wpm: null },
    recentWpm: null,
    speaking: { me: false, them: false },
    questionsMe: null,
    fillers: null,
    languageAvailable: false,
    transcriptTail: [],
    vision: null,
    capture: healthyCapture(),
  };
}
