// candor_native from TypeScript: every export validates its arguments
// ("Expected X for Y but received Z") before the C++ code runs.
export { loadNative, loadFirst, candidatePaths, loadedNativePath, NATIVE_FIX_HINT } from './loader';
export { capabilities, simdLevel, setSimdLevel } from './capabilities';
export {
  preprocess,
  Preprocessor,
  planeShapes,
  tensorLength,
  PIXEL_FORMATS,
  type Frame,
  type PixelFormat,
  type PlaneLayout,
  type PreprocessOptions,
} from './preprocess';
export { yunetDecode, facesFromBuffer, FACE_FLOATS, YUNET_OUTPUT_NAMES, type DecodedFace, type YunetDecodeOptions } from './yunet';
export { nms, type NmsOptions } from './nms';
export { xcorr } from './xcorr';
export { openPipe, readPipe, type Pipe } from './pipe';
export { SIMD_LEVELS, type SimdLevel, type Geometry, type NativeCapabilities } from './types';
