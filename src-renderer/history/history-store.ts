// The history window's state: which view is open, the list (or search
// results), the open call, trends and settings. Everything comes from the
// engine; the store only remembers what is on screen.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { CallSummary, ExportFormat, TrendPoint } from '../../src-main/contract/calls';
import type { CallView, CaptureDevice, EngineStatus } from '../../src-main/contract/engine-api';
import type { HistoryView } from '../../src-main/contract/app-api';
import { validateHistoryUpkeep, type HistoryUpkeep } from '../../src-main/contract/history-upkeep';
import type { Settings, SettingsPatch } from '../../src-main/contract/settings';
import { app, engine, errorText, on } from '../shared/bridge';
import { searchWhileTyping } from './search-query';
import { upkeepNote } from './upkeep-status';

export type View = HistoryView | 'call';

export const useHistoryStore = defineStore('history', () => {
  const view = ref<View>('list');
  const calls = ref<CallSummary[]>([]);
  const query = ref('');
  const loading = ref(false);
  const current = ref<CallView | null>(null);
  /** Where the open call's page should start (a transcript search hit), in seconds. */
  const focusAt = ref<number | null>(null);
  const trends = ref<TrendPoint[]>([]);
  const settings = ref<Settings | null>(null);
  const status = ref<EngineStatus | null>(null);
  const devices = ref<CaptureDevice[]>([]);
  const flash = ref<{ kind: 'ok' | 'error'; text: string } | null>(null);
  /** Calls written of the calls to write, while an export from this window runs (the engine's onExportProgress). */
  const exporting = ref<{ done: number; total: number } | null>(null);
  let exportsRunning = 0;
  /** The work after a delete (scrub, fresh backup), as the engine last reported it. */
  const upkeep = ref<HistoryUpkeep | null>(null);
  const upkeepLine = computed(() => upkeepNote(upkeep.value));
  let flashTimer: ReturnType<typeof setTimeout> | null = null;
  let searchSeq = 0;

  const consented = computed(() => settings.value?.consent.accepted ?? false);

  function say(kind: 'ok' | 'error', text: string): void {
    flash.value = { kind, text };
    if (flashTimer) clearTimeout(flashTimer);
    flashTimer = setTimeout(() => (flash.value = null), kind === 'ok' ? 5000 : 10000);
  }

  async function guard<T>(fn: () => Promise<T>): Promise<T | undefined> {
    try {
      return await fn();
    } catch (err) {
      say('error', errorText(err));
      return undefined;
    }
  }

  async function loadCalls(): Promise<void> {
    const seq = ++searchSeq;
    loading.value = true;
    const q = searchWhileTyping(query.value);
    const list = await guard(() => (q ? engine.searchCalls({ query: q }) : engine.listCalls({ limit: 500 })));
    if (seq !== searchSeq) return; // a newer search won
    loading.value = false;
    if (list) calls.value = list;
  }

  async function openCall(id: number, atSec?: number): Promise<void> {
    const c = await guard(() => engine.getCall({ id }));
    if (!c) return;
    focusAt.value = atSec ?? null;
    current.value = c;
    view.value = 'call';
  }

  async function show(v: View): Promise<void> {
    view.value = v;
    if (v === 'list') await loadCalls();
    if (v === 'trends') trends.value = (await guard(() => engine.trends({ weeks: 26 }))) ?? [];
    if (v === 'settings') {
      devices.value = (await guard(() => engine.listDevices())) ?? [];
      status.value = (await guard(() => engine.status())) ?? status.value;
    }
  }

  async function saveCall(patch: { title?: string; notes?: string }): Promise<boolean> {
    if (!current.value) return false;
    const id = current.value.id;
    const c = await guard(() => engine.updateCall({ id, ...patch }));
    if (!c) return false;
    current.value = c;
    return true;
  }

  async function remove(ids: number[] | 'all'): Promise<void> {
    const r = await guard(() => engine.deleteCalls({ ids }));
    if (!r) return;
    say('ok', r.deleted === 1 ? 'The call was deleted for good.' : `${r.deleted} calls were deleted for good.`);
    if (current.value && (ids === 'all' || ids.includes(current.value.id))) current.value = null;
    // Gone from the list at once; the reload below brings the rest up to date.
    calls.value = ids === 'all' ? [] : calls.value.filter((c) => !ids.includes(c.id));
    if (view.value === 'call') view.value = 'list';
    await loadCalls();
    status.value = (await guard(() => engine.status())) ?? status.value;
  }

  async function exportCalls(ids: number[] | 'all', format: ExportFormat): Promise<void> {
    exportsRunning++;
    try {
      const r = await guard(() => app.exportCalls({ ids, format }));
      if (r) say('ok', `Exported ${r.calls} ${r.calls === 1 ? 'call' : 'calls'} to ${r.path}`);
    } finally {
      if (--exportsRunning === 0) exporting.value = null;
    }
  }

  /** A call added from files: say so and open it. */
  function added(c: CallSummary): void {
    say('ok', `Added “${c.title}”.`);
    void openCall(c.id);
  }

  async function updateSettings(patch: SettingsPatch): Promise<void> {
    const s = await guard(() => engine.updateSettings(patch));
    if (s) settings.value = s;
    if (s && patch.callDetection) status.value = (await guard(() => engine.status())) ?? status.value; // watching, off, or why not
  }

  let listening = false;

  async function init(): Promise<void> {
    if (!listening) listen();
    settings.value = (await guard(() => engine.getSettings())) ?? null;
    status.value = (await guard(() => engine.status())) ?? null;
    if (status.value) upkeep.value = status.value.historyUpkeep; // a window opened (or an engine back) mid-way
    if (!consented.value) view.value = 'consent';
    else await show(view.value === 'call' ? 'list' : view.value);
  }

  function listen(): void {
    listening = true;
    on('onCallsChanged', () => {
      if (view.value === 'list') void loadCalls();
      if (view.value === 'trends') void show('trends');
      const c = current.value;
      if (c && view.value === 'call') void engine.getCall({ id: c.id }).then((v) => (current.value = v), () => undefined);
    });
    on('onSettingsChanged', (s) => (settings.value = s));
    on('onExportProgress', ({ done, total }) => {
      if (exportsRunning > 0) exporting.value = { done, total };
    });
    on('onHistoryUpkeep', (s) => {
      try {
        upkeep.value = validateHistoryUpkeep(s);
      } catch {
        // a malformed report changes nothing on screen
      }
    });
    on('onShowView', ({ view: v, callId }) => void (callId ? openCall(callId) : show(v)));
    on('onEngineRestarted', () => void init());
  }

  return { view, calls, query, loading, current, focusAt, trends, settings, status, devices, flash, exporting, upkeepLine, consented,
    say, loadCalls, openCall, show, saveCall, remove, exportCalls, updateSettings, init, added };
});
