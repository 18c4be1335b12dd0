// Capture permissions and system audio. macOS asks the user for the
// microphone and for screen recording (which system-audio loopback needs);
// Windows has a microphone privacy switch; on Linux the engine records
// through PulseAudio and the OS does not ask. getDisplayMedia() in the HUD is
// answered with the screen's desktopCapturer source plus loopback audio; on
// Linux with the screen's video only (the engine has the sound), for screen
// vision (UNVERIFIED: no Electron runtime where this was written).
import { desktopCapturer, systemPreferences, type Session } from 'electron';
import type { PermissionState } from '../contract/app-api';
import { wantsLoopback } from './display-media';
import { isTrustedUrl } from './security';

function status(kind: 'microphone' | 'screen'): PermissionState {
  try {
    return systemPreferences.getMediaAccessStatus(kind) as PermissionState;
  } catch {
    return 'unknown';
  }
}

export async function mediaPermissions(request: boolean): Promise<{ microphone: PermissionState; screen: PermissionState }> {
  if (process.platform === 'linux') return { microphone: 'granted', screen: 'granted' };
  let microphone = status('microphone');
  if (request && process.platform === 'darwin' && microphone === 'not-determined') {
    microphone = (await systemPreferences.askForMediaAccess('microphone')) ? 'granted' : 'denied';
  }
  const screen = process.platform === 'darwin' ? status('screen') : 'granted';
  return { microphone, screen };
}

/** Answers getDisplayMedia from our own pages with the primary screen and its loopback audio. */
export function installDisplayMediaHandler(session: Session, devServer: string | null, log: (line: string) => void): void {
  session.setDisplayMediaRequestHandler((request, callback) => {
    if (!isTrustedUrl(request.frame?.url ?? request.securityOrigin, devServer)) {
      log(`refused screen capture for ${request.securityOrigin}`);
      callback({});
      return;
    }
    desktopCapturer.getSources({ types: ['screen'] }).then(
      (sources) => {
        if (!sources[0]) {
          callback({});
          return;
        }
        // 'loopback' is the system's audio output: on Windows, and on macOS 13+ through ScreenCaptureKit.
        callback(wantsLoopback(process.platform, request.audioRequested) ? { video: sources[0], audio: 'loopback' } : { video: sources[0] });
      },
      (err: unknown) => {
        log(`desktopCapturer failed: ${(err as Error).message}`);
        callback({});
      },
    );
  }, { useSystemPicker: true }); // macOS 15+: the system's own picker, where the user chooses what to share
}
