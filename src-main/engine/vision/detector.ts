// YuNet face detection: the addon letterboxes the frame into the model's
// BGR float input (no per-frame allocation), onnxruntime runs the model, and
// the addon decodes, suppresses and maps the faces back to source pixels.
//
// Models: 'yunet-320' (fixed 320x320, cheapest: screen sampling) and
// 'yunet-dynamic' (any multiple of 32). With the dynamic model and
// inputSize 'auto', the input is the image's own size (long side capped at
// maxSide, short images upscaled up to minSide), so small faces in large
// crowd photos stay detectable.
import ort from 'onnxruntime-node';
import {
  FACE_FLOATS,
  facesFromBuffer,
  Preprocessor,
  yunetDecode,
  type Frame,
  type Geometry,
} from '../../../native/lib/index';
import { CandorError } from '../../contract/errors';
import { expectInteger, expectNumber, expectOneOf, invalidParameterError } from '../../contract/validate';
import { resolveModel } from '../models/resolve';
import { createSession, type FallbackReason, type ProviderName } from '../runtime/providers';
import type { Face } from './types';
import { estimateYaw, isFacing } from './yaw';

export const YUNET_MODELS = ['yunet-320', 'yunet-dynamic'] as const;
export type YunetModel = (typeof YUNET_MODELS)[number];

export interface DetectorOptions {
  /** Default 'yunet-320'. */
  model?: YunetModel;
  /** Dynamic model only: [width, height] (multiples of 32) or 'auto' (default). */
  inputSize?: [number, number] | 'auto';
  /** 'auto' input: cap on the long side (default 1280) ... */
  maxSide?: number;
  /** ... and the short side an image is upscaled to, at most 2x (default 640). */
  minSide?: number;
  /** Default 0.6 (OpenCV's samples use 0.9 for clean portraits). */
  scoreThreshold?: number;
  /** Default 0.3, as OpenCV FaceDetectorYN. */
  nmsThreshold?: number;
  /** Most faces reported per frame (default 256). */
  maxFaces?: number;
  /** Use this file instead of resolving the model by name (tests, tools). */
  modelPath?: string;
  /** onnxruntime threads for this session (default 1: vision is a background task). */
  threads?: number;
}

interface InputSlot {
  pre: Preprocessor;
  data: Float32Array;
  tensor: ort.Tensor;
}

const ceil32 = (v: number): number => Math.max(32, Math.ceil(v / 32) * 32);

export class YunetDetector {
  private readonly slots = new Map<string, InputSlot>();
  private readonly out: Float32Array;
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly session: ort.InferenceSession,
    readonly model: YunetModel,
    readonly provider: ProviderName,
    readonly fallbackReasons: FallbackReason[],
    private readonly opts: Required<Omit<DetectorOptions, 'modelPath' | 'threads' | 'model'>>,
  ) {
    this.out = new Float32Array(opts.maxFaces * FACE_FLOATS);
  }

  static async create(options: DetectorOptions = {}): Promise<YunetDetector> {
    const model = options.model === undefined ? 'yunet-320' : expectOneOf(options.model, YUNET_MODELS, 'options.model');
    const inputSize = options.inputSize ?? 'auto';
    if (inputSize !== 'auto') {
      if (!Array.isArray(inputSize) || inputSize.length !== 2 || inputSize.some((v) => !Number.isInteger(v) || v < 32 || v > 4096 || v % 32 !== 0)) {
        throw invalidParameterError('options.inputSize', "'auto' or [width, height], multiples of 32 from 32 to 4096", inputSize);
      }
    }
    const opts = {
      inputSize,
      maxSide: options.maxSide === undefined ? 1280 : expectInteger(options.maxSide, 'options.maxSide', 32, 4096),
      minSide: options.minSide === undefined ? 640 : expectInteger(options.minSide, 'options.minSide', 0, 4096),
      scoreThreshold: options.scoreThreshold === undefined ? 0.6 : expectNumber(options.scoreThreshold, 'options.scoreThreshold', 0, 1),
      nmsThreshold: options.nmsThreshold === undefined ? 0.3 : expectNumber(options.nmsThreshold, 'options.nmsThreshold', 0, 1),
      maxFaces: options.maxFaces === undefined ? 256 : expectInteger(options.maxFaces, 'options.maxFaces', 1, 10_000),
    };
    const threads = options.threads === undefined ? 1 : expectInteger(options.threads, 'options.threads', 0, 64);
    const path = options.modelPath ?? (await resolveModel(model));
    const { session, provider, fallbackReasons } = await createSession(path, {
      sessionOptions: { intraOpNumThreads: threads, interOpNumThreads: 1, graphOptimizationLevel: 'all' },
    });
    return new YunetDetector(session, model, provider, fallbackReasons, opts);
  }

  /** The model input size used for a source of this size. */
  inputSizeFor(width: number, height: number): [number, number] {
    if (this.model === 'yunet-320') return [320, 320];
    if (this.opts.inputSize !== 'auto') return this.opts.inputSize;
    const long = Math.max(width, height);
    const short = Math.min(width, height);
    const s = Math.min(this.opts.maxSide / long, Math.max(1, Math.min(2, this.opts.minSide / short)));
    return [ceil32(width * s), ceil32(height * s)];
  }

  private slot(w: number, h: number): InputSlot {
    const key = `${w}x${h}`;
    let s = this.slots.get(key);
    if (!s) {
      // YuNet takes BGR 0..255 floats; pad with black, content at the top-left as OpenCV pads.
      const pre = new Preprocessor({ width: w, height: h, order: 'bgr', fit: 'letterbox', anchor: 'topLeft', pad: 0 });
      const data = new Float32Array(pre.outputLength);
      s = { pre, data, tensor: new ort.Tensor('float32', data, [1, 3, h, w]) };
      if (this.slots.size >= 4) this.slots.clear(); // bounded: sizes rarely change
      this.slots.set(key, s);
    }
    return s;
  }

  /** Faces in a frame, best first. Calls are serialised (the input buffer is reused). */
  detect(frame: Frame): Promise<Face[]> {
    const run = this.queue.then(() => this.detectNow(frame));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async detectNow(frame: Frame): Promise<Face[]> {
    if (typeof frame !== 'object' || frame === null) throw invalidParameterError('frame', 'an object', frame);
    const [w, h] = this.inputSizeFor(frame.width, frame.height);
    const s = this.slot(w, h);
    const geometry: Geometry = s.pre.run(frame, s.data);
    let outputs: ort.InferenceSession.OnnxValueMapType;
    try {
      outputs = await this.session.run({ [this.session.inputNames[0]]: s.tensor });
    } catch (err) {
      throw new CandorError('INTERNAL', `face detection failed: ${(err as Error).message}`, undefined, { cause: err });
    }
    const n = yunetDecode(outputs as Record<string, ort.Tensor>, {
      inputWidth: w,
      inputHeight: h,
      scoreThreshold: this.opts.scoreThreshold,
      nmsThreshold: this.opts.nmsThreshold,
      transform: geometry,
    }, this.out);
    for (const v of Object.values(outputs)) (v as ort.Tensor).dispose?.();
    return facesFromBuffer(this.out, n).map((f) => toFace(f.box, f.score, f.landmarks, frame.width, frame.height));
  }

  async dispose(): Promise<void> {
    await this.queue;
    await this.session.release();
  }
}

function toFace(box: number[], score: number, landmarks: [number, number][], W: number, H: number): Face {
  const clamp = (v: number, hi: number): number => Math.min(Math.max(v, 0), hi);
  const x1 = clamp(box[0], W);
  const y1 = clamp(box[1], H);
  const x2 = clamp(box[0] + box[2], W);
  const y2 = clamp(box[1] + box[3], H);
  const yaw = estimateYaw(landmarks);
  return {
    box: [x1, y1, x2 - x1, y2 - y1],
    score,
    landmarks: landmarks.map(([x, y]) => [clamp(x, W), clamp(y, H)] as [number, number]),
    yaw,
    facing: isFacing(yaw),
  };
}
