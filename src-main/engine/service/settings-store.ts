// Settings on the `settings` table: one row per top-level key, its value as
// JSON. Reading is lenient (a bad row falls back to its default); writing
// takes only validated patches.
import { applySettingsPatch, settingsFromStored, type Settings, type SettingsPatch } from '../../contract/settings';
import type { CallStore } from '../store/calls-store';

export class SettingsStore {
  constructor(private readonly store: CallStore) {}

  get(): Settings {
    const rows = this.store.db.prepare('SELECT key, value FROM settings').all() as { key: string; value: string }[];
    const stored: Record<string, unknown> = {};
    for (const r of rows) {
      try {
        stored[r.key] = JSON.parse(r.value);
      } catch {
        // a hand-edited row that is not JSON: ignored, the default stands
      }
    }
    return settingsFromStored(stored);
  }

  /** Applies a patch that has already been validated; returns the new settings. */
  update(patch: SettingsPatch, now: Date = new Date()): Settings {
    const next = applySettingsPatch(this.get(), patch, now);
    this.store.tx(() => {
      const put = this.store.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
      for (const key of Object.keys(patch) as (keyof Settings)[]) put.run(key, JSON.stringify(next[key]));
    });
    return next;
  }
}
