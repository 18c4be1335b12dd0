// Runs the call detector (capture/call-detector) while the engine runs, as
// the settings say: it notices another app taking the microphone and tells
// the windows (onCallNoticed), starts coaching by itself when the user chose
// that, and says when the microphone has been released for a while so the
// HUD can offer to stop. Linux only (PulseAudio/PipeWire source-outputs).
import type { CallDetectionStatus, CallNotice, CaptureMode } from '../../contract/engine-api';
import type { CandorError } from '../../contract/errors';
import type { Settings } from '../../contract/settings';
import { CallDetector, type CallDetectorOptions } from '../capture/call-detector';

export interface DetectorLike {
  start(): Promise<void>;
  stop(): void;
}

export interface CallWatchOptions {
  platform: string;
  captureMode: CaptureMode;
  /** Overrides for the detector (tests: a test source, shorter confirm/release times). */
  detector?: Partial<Pick<CallDetectorOptions, 'mic' | 'confirmMs' | 'releaseMs' | 'pollMs'>>;
  createDetector?: (o: CallDetectorOptions) => DetectorLike;
  isRunning(): boolean;
  /** Starts coaching (auto-start); its failure is reported, the notice still goes out. */
  startCall(): Promise<unknown>;
  onNotice(n: CallNotice): void;
  onError(err: CandorError): void;
  now?: () => Date;
}

export class CallWatch {
  private detector: DetectorLike | null = null;
  private mic: string | null | undefined = undefined;
  private settings: Settings | null = null;
  private state: CallDetectionStatus = { state: 'off' };

  constructor(private readonly o: CallWatchOptions) {}

  get status(): CallDetectionStatus {
    return { ...this.state };
  }

  private supported(): string | null {
    if (this.o.platform !== 'linux') return `noticing calls needs PulseAudio/PipeWire (Linux); this is ${this.o.platform}`;
    if (this.o.captureMode !== 'engine') return 'the engine does not capture by itself here';
    return null;
  }

  /** Starts, stops or re-targets the detector for these settings. */
  apply(settings: Settings): void {
    this.settings = settings;
    const why = this.supported();
    if (why) {
      this.stopDetector();
      this.state = { state: 'unsupported', reason: why };
      return;
    }
    if (!settings.callDetection.notice) {
      this.stopDetector();
      this.state = { state: 'off' };
      return;
    }
    const mic = this.o.detector?.mic ?? settings.capture.mic;
    if (this.detector && mic === this.mic) return;
    this.stopDetector();
    this.mic = mic;
    const now = (): string => (this.o.now?.() ?? new Date()).toISOString();
    const opts: CallDetectorOptions = {
      ...this.o.detector,
      mic: mic ?? undefined,
      onCallStarted: (e) => void this.started(e.apps, now()),
      onCallEnded: (e) => this.o.onNotice({ kind: 'ended', releasedSec: e.releasedMs / 1000, at: now(), callRunning: this.o.isRunning() }),
      onError: (err) => {
        this.state = { state: 'failed', reason: err.message };
        this.detector = null;
        this.o.onError(err);
      },
    };
    const det = (this.o.createDetector ?? ((x) => new CallDetector(x)))(opts);
    this.detector = det;
    this.state = { state: 'watching' };
    void det.start().catch((err: unknown) => {
      if (this.detector !== det) return;
      this.state = { state: 'failed', reason: (err as Error).message };
    });
  }

  private async started(apps: string[], at: string): Promise<void> {
    if (this.o.isRunning()) return; // already coaching: nothing to offer
    const s = this.settings;
    let autoStarted = false;
    if (s?.callDetection.autoStart && s.consent.accepted) {
      try {
        await this.o.startCall();
        autoStarted = true;
      } catch (err) {
        this.o.onError(err as CandorError);
      }
    }
    this.o.onNotice({ kind: 'started', apps, at, autoStarted });
  }

  private stopDetector(): void {
    this.detector?.stop();
    this.detector = null;
    this.mic = undefined;
  }

  stop(): void {
    this.stopDetector();
    this.state = { state: 'off' };
  }
}
