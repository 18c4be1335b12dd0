// The raw shape of candor_native.node. Only the wrappers in this folder call
// it; everything else uses the validated functions they export.

export const SIMD_LEVELS = ['scalar', 'sse41', 'avx2', 'neon'] as const;
export type SimdLevel = (typeof SIMD_LEVELS)[number];

export interface NativeCapabilities {
  /** 'x86', 'arm64' or 'other' (scalar only). */
  arch: 'x86' | 'arm64' | 'other';
  /** What the CPU (and OS) support, detected once at load. */
  cpu: { sse41: boolean; avx2: boolean; neon: boolean };
  /** Levels this build has kernels for and this CPU runs, lowest first. */
  available: SimdLevel[];
  best: SimdLevel;
  active: SimdLevel;
  /** CANDOR_SIMD as read at load, or null. */
  env: string | null;
}

/** Where the source landed in the output: xOut = offsetX + xSrc * scaleX. */
export interface Geometry {
  scaleX: number;
  scaleY: number;
  offsetX: number;
  offsetY: number;
  contentWidth: number;
  contentHeight: number;
}

export interface RawFrame {
  format: number;
  width: number;
  height: number;
  data: Uint8Array;
  offset0: number;
  stride0: number;
  offset1: number;
  stride1: number;
  offset2: number;
  stride2: number;
}

export interface RawPreprocessOptions {
  width: number;
  height: number;
  rgb: boolean;
  letterbox: boolean;
  center: boolean;
  area: boolean;
  bt709: boolean;
  fullRange: boolean;
  mean: Float32Array;
  scale: Float32Array;
  pad: Float32Array;
}

export interface RawYunetOptions {
  inputWidth: number;
  inputHeight: number;
  scoreThreshold: number;
  nmsThreshold: number;
  topK: number;
  scaleX: number;
  scaleY: number;
  offsetX: number;
  offsetY: number;
}

export interface RawNmsOptions {
  iouThreshold: number;
  scoreThreshold: number;
  topK: number;
}

export interface NativeBinding {
  capabilities(): NativeCapabilities;
  simdLevel(): SimdLevel;
  setSimdLevel(level: string): SimdLevel;
  preprocess(frame: RawFrame, options: RawPreprocessOptions, out: Float32Array): Geometry;
  yunetDecode(outputs: Float32Array[], options: RawYunetOptions, out: Float32Array): number;
  nms(boxes: Float32Array, scores: Float32Array, options: RawNmsOptions, keep: Int32Array): number;
  xcorr(x: Float32Array, y: Float32Array, first: number, count: number, out: Float64Array): void;
  openPipe(capacityBytes: number): { readFd: number; writeFd: number; capacity: number };
  readPipe(fd: number, buffer: Buffer): number;
}

export const BINDING_EXPORTS: readonly (keyof NativeBinding)[] = [
  'capabilities',
  'simdLevel',
  'setSimdLevel',
  'preprocess',
  'yunetDecode',
  'nms',
  'xcorr',
  'openPipe',
  'readPipe',
];
