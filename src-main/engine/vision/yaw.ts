// Head yaw from YuNet's five landmarks (right eye, left eye, nose tip, right
// and left mouth corner; "right" is the subject's, normally on the image's
// left). Geometry only: which way the head is turned, nothing about the person.
//
// Model: seen from the camera (orthographic), the eyes sit at x = +-e and the
// nose tip protrudes by d in front of the eye plane. Turning the head by yaw
// t moves the eyes to +-e*cos(t) and the nose tip to d*sin(t), so
//
//   r = (nose - eyeMid) . u / |eyeR - eyeL| = (d / 2e) * tan(t)
//   yaw = atan(r / K) in degrees,  K = d / 2e = 0.46
//
// where u is the unit vector from the right eye to the left eye (which also
// cancels head roll), and K comes from average adult anthropometry
// (interpupillary distance ~63 mm, nose tip ~29 mm in front of the pupils).
// Sign: yaw > 0 when the nose points toward the image's right (the subject
// turns to their own left); mirroring the image flips the sign.
// Accuracy is roughly +-10 degrees: enough for "facing the screen or not".

export const YAW_K = 0.46;
/** A face is "facing" the screen when |yaw| <= this many degrees. */
export const FACING_LIMIT_DEG = 30;

export type Landmarks = readonly (readonly [number, number])[];

export function estimateYaw(landmarks: Landmarks): number {
  const [re, le, nose] = landmarks;
  const ex = le[0] - re[0];
  const ey = le[1] - re[1];
  const d2 = ex * ex + ey * ey;
  if (!(d2 > 0)) return 0; // degenerate: eyes on one point
  const mx = (re[0] + le[0]) / 2;
  const my = (re[1] + le[1]) / 2;
  const r = ((nose[0] - mx) * ex + (nose[1] - my) * ey) / d2;
  return (Math.atan(r / YAW_K) * 180) / Math.PI;
}

export function isFacing(yawDeg: number): boolean {
  return Math.abs(yawDeg) <= FACING_LIMIT_DEG;
}
