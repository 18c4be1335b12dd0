// The options every Candor window is built with. One place, so that a test
// can check them: context isolation, the sandbox, no Node in the page, web
// security on. The HUD floats above other apps and never steals focus.
import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';

export const SECURE_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
  navigateOnDragDrop: false,
  spellcheck: false,
  safeDialogs: true,
} as const satisfies WebPreferences;

export const HUD_SIZE = { width: 420, height: 352 } as const;

export function hudWindowOptions(o: { preload: string; x?: number; y?: number; platform?: NodeJS.Platform }): BrowserWindowConstructorOptions {
  return {
    ...HUD_SIZE,
    x: o.x,
    y: o.y,
    title: 'Candor coach',
    frame: false,
    resizable: false,
    maximizable: false,
    minimizable: false,
    fullscreenable: false,
    alwaysOnTop: true,
    skipTaskbar: true,
    // Shown with showInactive(): a nudge must never take focus from the call app.
    show: false,
    focusable: true,
    hasShadow: true,
    backgroundColor: '#141923',
    // A macOS panel floats over full-screen apps without activating Candor.
    ...(o.platform === 'darwin' ? { type: 'panel' } : {}),
    webPreferences: { ...SECURE_WEB_PREFERENCES, preload: o.preload, backgroundThrottling: false },
  };
}

export function historyWindowOptions(o: { preload: string }): BrowserWindowConstructorOptions {
  return {
    width: 1200,
    height: 820,
    minWidth: 760,
    minHeight: 520,
    title: 'Candor',
    show: false,
    autoHideMenuBar: true,
    backgroundColor: '#f5f6f9',
    webPreferences: { ...SECURE_WEB_PREFERENCES, preload: o.preload },
  };
}
