// Screen vision input: about two frames a second of the shared screen or
// call window, scaled down to at most 1280 px wide, as RGBA for the engine
// (which only counts faces, cameras on and heads turned to the screen).
// Nothing is kept here.

export interface VideoFrameOut {
  width: number;
  height: number;
  rgba: Uint8Array;
  t: number;
}

const MAX_WIDTH = 1280;
const INTERVAL_MS = 500;

export function startFrameGrabber(stream: MediaStream, onFrame: (f: VideoFrameOut) => void): () => void {
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.srcObject = stream;
  void video.play().catch(() => undefined);
  const canvas = document.createElement('canvas');
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  const t0 = performance.now();
  const timer = window.setInterval(() => {
    if (!ctx || video.readyState < 2 || !video.videoWidth) return;
    const scale = Math.min(1, MAX_WIDTH / video.videoWidth);
    const width = Math.max(16, Math.round(video.videoWidth * scale));
    const height = Math.max(16, Math.round(video.videoHeight * scale));
    if (canvas.width !== width || canvas.height !== height) {
      canvas.width = width;
      canvas.height = height;
    }
    ctx.drawImage(video, 0, 0, width, height);
    const img = ctx.getImageData(0, 0, width, height);
    onFrame({ width, height, rgba: new Uint8Array(img.data.buffer), t: (performance.now() - t0) / 1000 });
  }, INTERVAL_MS);
  return () => {
    window.clearInterval(timer);
    video.srcObject = null;
  };
}
