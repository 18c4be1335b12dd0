// What main answers a page's getDisplayMedia with (pure, so a test reads it
// without Electron): the screen's video always; the system's loopback audio
// on macOS/Windows when asked for, never on Linux, where the engine records
// the sound through PulseAudio and the picture is for screen vision only.

export function wantsLoopback(platform: NodeJS.Platform, audioRequested: boolean): boolean {
  return platform !== 'linux' && audioRequested;
}
