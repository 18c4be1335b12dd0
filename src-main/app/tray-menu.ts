// The tray menu, built from the app's state (pure: a test can read it).
import type { MenuItemConstructorOptions } from 'electron';
import type { AppCommand } from '../contract/app-api';

export interface TrayState {
  recording: boolean;
  nudgesPaused: boolean;
  clickThrough: boolean;
  shortcuts: Partial<Record<AppCommand, string>>;
}

export interface TrayActions {
  toggleCall(): void;
  showHud(): void;
  openHistory(): void;
  toggleNudges(): void;
  toggleClickThrough(): void;
  quit(): void;
}

export function trayMenuTemplate(s: TrayState, a: TrayActions): MenuItemConstructorOptions[] {
  return [
    { id: 'call', label: s.recording ? 'Stop and save the call' : 'Start a call', accelerator: s.shortcuts['toggle-call'], click: () => a.toggleCall() },
    { type: 'separator' },
    { id: 'hud', label: 'Show the coach', click: () => a.showHud() },
    { id: 'history', label: 'Open call history', accelerator: s.shortcuts['open-history'], click: () => a.openHistory() },
    { type: 'separator' },
    { id: 'nudges', label: 'Pause nudges', type: 'checkbox', checked: s.nudgesPaused, accelerator: s.shortcuts['toggle-nudges'], click: () => a.toggleNudges() },
    { id: 'through', label: 'Click-through coach', type: 'checkbox', checked: s.clickThrough, accelerator: s.shortcuts['toggle-click-through'], click: () => a.toggleClickThrough() },
    { type: 'separator' },
    { id: 'quit', label: 'Quit Candor', role: undefined, click: () => a.quit() },
  ];
}

export function trayTooltip(s: TrayState): string {
  return s.recording ? 'Candor: recording a call' : 'Candor: ready';
}
