// Screen vision: counts and geometry of faces, never anything about the person.
export { YunetDetector, YUNET_MODELS, type DetectorOptions, type YunetModel } from './detector';
export { VisionTracker, summarize, type VisionFrame, type FaceDetectorLike, type TrackerOptions } from './tracker';
export { decodeImageFile, decodeImageBytes, mirrorImage, type RgbaImage } from './image';
export { estimateYaw, isFacing, FACING_LIMIT_DEG, YAW_K } from './yaw';
export type { Face, VisionSample } from './types';
