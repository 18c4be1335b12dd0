// Samples a screen stream at about 2 fps and keeps one record per sample:
// how many faces are visible, how many face the screen, and whether any
// camera is on. Frames arriving sooner than 1/fps after the last sample, or
// while a detection is still running, are dropped (push() resolves null).
// A timestamp earlier than the last sample restarts the schedule.
import { toRawFrame } from '../../../native/lib/preprocess';
import type { VisionSummary } from '../../contract/report';
import { expectNumber, expectObject } from '../../contract/validate';
import { YunetDetector, type DetectorOptions } from './detector';
import type { Face, VisionSample } from './types';
import type { Frame } from '../../../native/lib/index';

/** A screen frame as the capture delivers it: BGRA (desktopCapturer, native) or RGBA (a canvas). */
export interface VisionFrame {
  data: Uint8Array;
  /** Pixel order; default 'bgra'. */
  format?: 'bgra' | 'rgba';
  width: number;
  height: number;
  /** Bytes per row (>= width * 4; tight when omitted). */
  stride?: number;
  timestampSec: number;
}

export interface FaceDetectorLike {
  detect(frame: Frame): Promise<Face[]>;
}

export interface TrackerOptions {
  /** Samples per second (default 2). */
  fps?: number;
}

/** Slack so that a 30 fps stream samples exactly every 15th frame. */
const EPSILON_SEC = 1e-3;

export class VisionTracker {
  private readonly interval: number;
  private readonly records: VisionSample[] = [];
  private lastT: number | undefined;
  private busy = false;

  constructor(
    private readonly detector: FaceDetectorLike,
    options: TrackerOptions = {},
  ) {
    const fps = options.fps === undefined ? 2 : expectNumber(options.fps, 'options.fps', 0.01, 60);
    this.interval = 1 / fps;
  }

  /** A tracker over a YuNet detector (default: the 320x320 model, one thread). */
  static async create(options: TrackerOptions & DetectorOptions = {}): Promise<VisionTracker> {
    const { fps, ...detector } = options;
    return new VisionTracker(await YunetDetector.create(detector), { fps });
  }

  /** Detects faces if this frame is due for a sample; resolves the sample, or null when dropped. */
  async push(frame: VisionFrame): Promise<VisionSample | null> {
    const f = expectObject(frame, 'frame');
    const t = expectNumber(f.timestampSec, 'frame.timestampSec', 0, Number.MAX_SAFE_INTEGER);
    const bgra: Frame = { format: frame.format === 'rgba' ? 'rgba' : 'bgra', data: frame.data, width: frame.width, height: frame.height, stride: frame.stride };
    toRawFrame(bgra); // validate every frame, due or not
    if (this.busy) return null;
    if (this.lastT !== undefined && t >= this.lastT && t < this.lastT + this.interval - EPSILON_SEC) return null;
    this.busy = true;
    this.lastT = t;
    try {
      const faces = await this.detector.detect(bgra);
      const sample: VisionSample = {
        t,
        facesVisible: faces.length,
        facingCount: faces.filter((x) => x.facing).length,
        cameraOn: faces.length >= 1,
      };
      this.records.push(sample);
      return sample;
    } finally {
      this.busy = false;
    }
  }

  /** Every sample so far (copies), for storage. */
  samples(): VisionSample[] {
    return this.records.map((s) => ({ ...s }));
  }

  summary(): VisionSummary {
    return summarize(this.records);
  }

  reset(): void {
    this.records.length = 0;
    this.lastT = undefined;
  }
}

/**
 * facesMedian: median of facesVisible over samples; cameraOnShare: share of
 * samples with a face; facingShare: facing faces / visible faces, pooled over
 * all samples (0 when no face was seen).
 */
export function summarize(samples: readonly VisionSample[]): VisionSummary {
  const n = samples.length;
  if (n === 0) return { facesMedian: 0, cameraOnShare: 0, facingShare: 0, samples: 0 };
  const counts = samples.map((s) => s.facesVisible).sort((a, b) => a - b);
  const mid = n >> 1;
  const facesMedian = n % 2 ? counts[mid] : (counts[mid - 1] + counts[mid]) / 2;
  const visible = samples.reduce((a, s) => a + s.facesVisible, 0);
  const facing = samples.reduce((a, s) => a + s.facingCount, 0);
  return {
    facesMedian,
    cameraOnShare: samples.filter((s) => s.cameraOn).length / n,
    facingShare: visible > 0 ? facing / visible : 0,
    samples: n,
  };
}
