// The HUD's state: the latest LiveSnapshot, the nudge on screen, whether
// nudges are paused and the HUD is click-through. Fed by engine events.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { CallNotice, EngineStatus, Nudge } from '../../src-main/contract/engine-api';
import { idleSnapshot, type LiveSnapshot } from '../../src-main/contract/live';
import { CandorError } from '../../src-main/contract/errors';
import type { Settings } from '../../src-main/contract/settings';
import { app, engine, errorText, on } from '../shared/bridge';
import { startPushCapture, startScreenVideo, type PushCapture } from './capture';

/** How long a nudge stays on screen. */
export const NUDGE_VISIBLE_MS = 12_000;

export const useLiveStore = defineStore('live', () => {
  const snapshot = ref<LiveSnapshot>(idleSnapshot());
  const status = ref<EngineStatus | null>(null);
  const settings = ref<Settings | null>(null);
  const nudge = ref<Nudge | null>(null);
  const error = ref<string | null>(null);
  const clickThrough = ref(false);
  const busy = ref(false);
  /** The call detector's news, until acted on or dismissed. */
  const notice = ref<CallNotice | null>(null);
  let noticeTimer: ReturnType<typeof setTimeout> | null = null;
  let nudgeTimer: ReturnType<typeof setTimeout> | null = null;
  let capture: PushCapture | null = null;
  /** Linux: the screen's picture only (the engine records the sound). */
  let screen: PushCapture | null = null;
  function stopScreen(): void {
    screen?.stop();
    screen = null;
  }

  const recording = computed(() => snapshot.value.state !== 'idle');
  const nudgesPaused = computed(() => settings.value?.nudges.paused ?? false);

  function showNudge(n: Nudge): void {
    nudge.value = n;
    if (nudgeTimer) clearTimeout(nudgeTimer);
    nudgeTimer = setTimeout(() => (nudge.value = null), NUDGE_VISIBLE_MS);
  }

  function dismissNudge(): void {
    nudge.value = null;
    if (nudgeTimer) clearTimeout(nudgeTimer);
  }

  function showNotice(n: CallNotice | null, forMs?: number): void {
    notice.value = n;
    if (noticeTimer) clearTimeout(noticeTimer);
    noticeTimer = n && forMs ? setTimeout(() => (notice.value = null), forMs) : null;
  }

  function onNotice(n: CallNotice): void {
    if (n.kind === 'started') showNotice(n, n.autoStarted ? NUDGE_VISIBLE_MS : undefined);
    else showNotice(n.callRunning && recording.value ? n : null);
  }

  async function refresh(): Promise<void> {
    const [st, s, snap] = await Promise.all([engine.status(), engine.getSettings(), engine.snapshot()]);
    status.value = st;
    settings.value = s;
    snapshot.value = snap;
    clickThrough.value = s.hud.clickThrough;
  }

  async function start(): Promise<void> {
    if (busy.value || recording.value) return;
    busy.value = true;
    error.value = null;
    try {
      const st = status.value ?? (await engine.status());
      if (st.captureMode === 'push') {
        // macOS asks for the microphone here (once); screen recording is asked by the system on first capture.
        const perm = await app.permissions({ request: true });
        if (perm.microphone === 'denied' || perm.microphone === 'restricted') {
          throw new CandorError('PERMISSION_DENIED', 'Candor may not use the microphone',
            'Allow it in System Settings › Privacy & Security › Microphone (Windows: Settings › Privacy › Microphone), then start again.');
        }
        if (perm.screen === 'denied' || perm.screen === 'restricted') {
          throw new CandorError('PERMISSION_DENIED', 'Candor may not record the screen, which the call’s sound comes with on macOS',
            'Allow it in System Settings › Privacy & Security › Screen & System Audio Recording, then restart Candor.');
        }
        capture = await startPushCapture(
          settings.value?.capture ?? { mic: null, system: null },
          (side, pcm) => void engine.pushAudio({ side, pcm }),
          (frame) => void engine.pushVideoFrame(frame),
        );
        await engine.startCall({ capture: 'push', sampleRate: capture.sampleRate });
      } else {
        await engine.startCall({});
        // Linux: the engine records both sides itself; the screen's picture still comes from
        // desktopCapturer (main answers getDisplayMedia), for face and camera counts.
        stopScreen();
        // Not awaited: the call runs whether or not the screen can be shared.
        void startScreenVideo((frame) => void engine.pushVideoFrame(frame)).then(
          (v) => {
            if (recording.value && !screen) screen = v;
            else v.stop();
          },
          () => undefined,
        );
      }
      showNotice(null);
    } catch (err) {
      capture?.stop();
      capture = null;
      error.value = errorText(err);
    } finally {
      busy.value = false;
    }
  }

  async function stop(): Promise<void> {
    if (busy.value || !recording.value) return;
    busy.value = true;
    try {
      await engine.stopCall();
      dismissNudge();
      showNotice(null);
    } catch (err) {
      error.value = errorText(err);
    } finally {
      capture?.stop();
      capture = null;
      stopScreen();
      busy.value = false;
    }
  }

  async function toggleNudges(): Promise<void> {
    try {
      settings.value = await engine.updateSettings({ nudges: { paused: !nudgesPaused.value } });
      if (settings.value.nudges.paused) dismissNudge();
    } catch (err) {
      error.value = errorText(err);
    }
  }

  async function setClickThrough(enabled: boolean): Promise<void> {
    try {
      await app.setClickThrough({ enabled });
      clickThrough.value = enabled;
    } catch (err) {
      error.value = errorText(err);
    }
  }

  function listen(): void {
    on('onSnapshot', (s) => (snapshot.value = s));
    on('onNudge', (n) => {
      if (!nudgesPaused.value) showNudge(n);
    });
    on('onSettingsChanged', (s) => {
      settings.value = s;
      clickThrough.value = s.hud.clickThrough;
    });
    on('onError', (e) => (error.value = e.hint ? `${e.message}. ${e.hint}` : e.message));
    on('onClickThroughChanged', ({ enabled }) => (clickThrough.value = enabled));
    on('onAppCommand', ({ command }) => {
      if (command === 'toggle-call') void (recording.value ? stop() : start());
    });
    on('onCallNoticed', onNotice);
    on('onSnapshot', (s) => {
      if (s.state !== 'idle') return;
      stopScreen(); // the call ended without the HUD (tray, replay end, engine stop)
      if (notice.value?.kind === 'ended') showNotice(null);
    });
    on('onEngineRestarted', () => void refresh().catch(() => undefined));
  }

  return { snapshot, status, settings, nudge, error, clickThrough, busy, recording, nudgesPaused, notice,
    refresh, start, stop, toggleNudges, setClickThrough, dismissNudge, listen, showNudge, showNotice };
});
