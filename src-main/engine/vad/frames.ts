// The VAD's framing: Silero v6 at 16 kHz takes 512 new samples (32 ms) per
// call plus the last 64 of the previous frame as context. The whole pipeline
// works in these frames. (Kept apart from the model so that code that only
// counts frames does not load onnxruntime.)
export const VAD_RATE = 16000;
export const VAD_FRAME = 512;
export const VAD_CONTEXT = 64;
export const VAD_FRAME_SEC = VAD_FRAME / VAD_RATE;
/** A model call's row per stream and frame: the context, then the frame. */
export const VAD_WIDTH = VAD_CONTEXT + VAD_FRAME;
/** Silero v6's recurrent state per stream: [2][STATE_SIZE] (h, then c). */
export const STATE_SIZE = 128;
