// One interface for everything that delivers live PCM to the engine: the
// PulseAudio mic and monitor on Linux, Electron's desktopCapturer loopback
// on macOS/Windows (pushed in over IPC), and a recording replayed in real
// time (demos and end-to-end tests).
import type { Side } from '../../contract/report';

export interface CaptureHandlers {
  /** 16 kHz mono float PCM for one side. */
  onData(side: Side, samples: Float32Array): void;
  /** The source failed after it had started. */
  onError(err: Error): void;
  /** The source ran out (a replay reached its end). */
  onEnd?(): void;
  /** The source followed a new default device (the old one changed or went away). */
  onDeviceSwitch?(side: Side, from: string, to: string): void;
}

export interface CaptureSource {
  readonly label: string;
  readonly sides: Side[];
  /**
   * True for devices that deliver audio as it happens. Their sides are kept
   * on the wall clock: a device that was suspended or stalled (a sink's
   * monitor delivers nothing while nothing plays) is filled with silence.
   */
  readonly realtime: boolean;
  /** Resolves once audio flows, or rejects with a CandorError that says why it cannot. */
  start(h: CaptureHandlers): Promise<void>;
  stop(): Promise<void>;
  /** What the source had to leave out of its input (a replayed file's damaged frames), once it has stopped. */
  notes?(): string[];
}

/** PCM handed in from elsewhere (Electron's desktopCapturer loopback in the app). */
export class PushCaptureSource implements CaptureSource {
  readonly sides: Side[];
  readonly realtime = true;
  private handlers: CaptureHandlers | null = null;

  constructor(readonly side: Side, readonly label = `pushed ${side} audio`) {
    this.sides = [side];
  }

  async start(h: CaptureHandlers): Promise<void> {
    this.handlers = h;
  }

  push(samples: Float32Array): void {
    this.handlers?.onData(this.side, samples);
  }

  async stop(): Promise<void> {
    this.handlers = null;
  }
}

export function int16ToFloat(buf: Buffer): Float32Array {
  const n = buf.length >> 1;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = buf.readInt16LE(i * 2) / 32768;
  return out;
}
