// What screen vision reports: counts and geometry only (see METRICS.md,
// "What Candor never infers"). No field here may describe a person's
// emotion, expression, age, gender or attention; tests walk every key.

export interface Face {
  /** [x, y, width, height] in source-image pixels, clipped to the image. */
  box: [number, number, number, number];
  /** Detector confidence that this is a face (0..1). */
  score: number;
  /** Right eye, left eye, nose tip, right mouth corner, left mouth corner (source pixels). */
  landmarks: [number, number][];
  /** Head yaw in degrees, > 0 when the nose points toward the image's right. */
  yaw: number;
  /** |yaw| <= 30 degrees. */
  facing: boolean;
}

/** One ~2 fps sample of a screen stream. */
export interface VisionSample {
  /** Seconds, from the frame's timestamp. */
  t: number;
  facesVisible: number;
  facingCount: number;
  /** At least one face visible. */
  cameraOn: boolean;
}
