// Capture mode 'push' (macOS, Windows): the microphone via getUserMedia and
// the system's audio via getDisplayMedia, which main answers with the
// screen's desktopCapturer source and loopback audio. Each side's PCM goes
// to the engine in 100 ms pieces; nothing is kept here.
import type { Side } from '../../src-main/contract/report';
import type { Settings } from '../../src-main/contract/settings';
import { startFrameGrabber, type VideoFrameOut } from './frame-grabber';
import workletUrl from './pcm-worklet.ts?worker&url';

export interface PushCapture {
  sampleRate: number;
  stop(): void;
}

export async function startPushCapture(
  devices: Settings['capture'],
  onPcm: (side: Side, pcm: Float32Array) => void,
  onFrame?: (f: VideoFrameOut) => void,
): Promise<PushCapture> {
  const streams: MediaStream[] = [];
  let stopFrames: (() => void) | null = null;
  const ctx = new AudioContext({ latencyHint: 'interactive' });
  try {
    const mic = await navigator.mediaDevices.getUserMedia({
      audio: { deviceId: devices.mic ? { exact: devices.mic } : undefined, echoCancellation: false, noiseSuppression: false, autoGainControl: false },
    });
    streams.push(mic);
    const display = await navigator.mediaDevices.getDisplayMedia({ audio: true, video: true });
    streams.push(display);
    // The picture feeds screen vision (face counts only); without a consumer only the loopback audio is used.
    if (onFrame && display.getVideoTracks().length) stopFrames = startFrameGrabber(new MediaStream(display.getVideoTracks()), onFrame);
    else for (const t of display.getVideoTracks()) t.stop();
    if (display.getAudioTracks().length === 0) throw new Error('the system audio could not be captured (no loopback track)');
    await ctx.audioWorklet.addModule(workletUrl);
    const tap = (stream: MediaStream, side: Side): void => {
      const node = new AudioWorkletNode(ctx, 'candor-pcm-tap', { numberOfInputs: 1, numberOfOutputs: 0 });
      node.port.onmessage = (e: MessageEvent<Float32Array>) => onPcm(side, e.data);
      ctx.createMediaStreamSource(stream).connect(node);
    };
    tap(mic, 'me');
    tap(display, 'them');
  } catch (err) {
    stopFrames?.();
    for (const s of streams) for (const t of s.getTracks()) t.stop();
    void ctx.close();
    throw err;
  }
  return {
    sampleRate: ctx.sampleRate,
    stop() {
      stopFrames?.();
      for (const s of streams) for (const t of s.getTracks()) t.stop();
      void ctx.close();
    },
  };
}

/**
 * Linux: the engine captures both sides through PulseAudio, and the screen's
 * picture alone comes from getDisplayMedia (answered in main by
 * desktopCapturer, without audio on Linux) for screen vision. Best effort:
 * without it the call goes on, only without face counts.
 */
export async function startScreenVideo(onFrame: (f: VideoFrameOut) => void): Promise<PushCapture> {
  const display = await navigator.mediaDevices.getDisplayMedia({ audio: false, video: true });
  const video = display.getVideoTracks();
  if (video.length === 0) {
    for (const t of display.getTracks()) t.stop();
    throw new Error('the screen could not be captured (no video track)');
  }
  const stopFrames = startFrameGrabber(new MediaStream(video), onFrame);
  return {
    sampleRate: 0,
    stop() {
      stopFrames();
      for (const t of display.getTracks()) t.stop();
    },
  };
}
