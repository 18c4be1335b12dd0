// Global shortcuts: start/stop a call, open the history, pause nudges, and
// turn click-through off again (the HUD cannot be clicked while it is on).
import type { AppCommand } from '../contract/app-api';

export const SHORTCUTS: Record<AppCommand, string> = {
  'toggle-call': 'CommandOrControl+Shift+Space',
  'open-history': 'CommandOrControl+Shift+H',
  'toggle-nudges': 'CommandOrControl+Shift+N',
  'toggle-click-through': 'CommandOrControl+Shift+K',
};

export interface GlobalShortcutLike {
  register(accelerator: string, cb: () => void): boolean;
  unregisterAll(): void;
}

/** Registers what it can (another app may own a combination); returns the ones that worked. */
export function registerShortcuts(gs: GlobalShortcutLike, run: (c: AppCommand) => void): Partial<Record<AppCommand, string>> {
  const ok: Partial<Record<AppCommand, string>> = {};
  for (const [command, acc] of Object.entries(SHORTCUTS) as [AppCommand, string][]) {
    try {
      if (gs.register(acc, () => run(command))) ok[command] = acc;
    } catch {
      // taken or unsupported here: the tray menu still has the command
    }
  }
  return ok;
}
