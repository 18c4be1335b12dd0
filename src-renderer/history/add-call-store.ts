// "Add a call…": the files picked or dropped (checked by main, the
// transcript's speakers from the engine), who is "me", and the engine's
// import with its progress, Cancel, and outcome. Nothing is stored unless
// the whole analysis succeeded; a bad file's error is shown in the dialog.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { CallSummary } from '../../src-main/contract/calls';
import type { CallFilesChoice, ImportPhase, ImportProgress } from '../../src-main/contract/imports';
import { app, engine, errorText, on } from '../shared/bridge';

export type AddStep = 'closed' | 'choose' | 'running' | 'failed';

export const PHASE_LABEL: Record<ImportPhase, string> = { reading: 'Reading the files…', analysing: 'Analysing…', saving: 'Saving…' };

function newImportId(): string {
  return `add-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

export const useAddCallStore = defineStore('add-call', () => {
  const step = ref<AddStep>('closed');
  const choice = ref<CallFilesChoice | null>(null);
  const me = ref('');
  const title = ref('');
  const error = ref<string | null>(null);
  const progress = ref<ImportProgress | null>(null);
  const busy = ref(false);
  let importId: string | null = null;
  let listening = false;
  let onDone: ((c: CallSummary) => void) | null = null;

  /** The transcript names speakers other than literally "me"/"them", so the user says who is me. */
  const needsMe = computed(() => Boolean(choice.value?.transcript && choice.value.transcript.speakers.length > 0 && !choice.value.transcript.sidesNamed));
  const canStart = computed(() => choice.value !== null && (step.value === 'choose' || step.value === 'failed') && !busy.value && (!needsMe.value || me.value !== ''));

  function listen(): void {
    listening = true;
    on('onImportProgress', (p) => {
      if (p.importId === importId) progress.value = p;
    });
    on('onImportFinished', (f) => {
      if (f.importId !== importId) return;
      importId = null;
      if (f.ok) {
        step.value = 'closed';
        onDone?.(f.call);
      } else {
        // Cancelled goes back to the choice; a failure stays visible with the engine's words.
        step.value = f.error.code === 'CANCELLED' ? 'choose' : 'failed';
        error.value = f.error.code === 'CANCELLED' ? null : (f.error.hint ? `${f.error.message}. ${f.error.hint}` : f.error.message);
      }
      progress.value = null;
    });
  }

  function open(done: (c: CallSummary) => void): void {
    if (!listening) listen();
    onDone = done;
    if (step.value === 'running') return;
    step.value = 'choose';
    error.value = null;
  }

  function accept(c: CallFilesChoice): void {
    choice.value = c;
    error.value = null;
    step.value = 'choose';
    const t = c.transcript;
    me.value = t && !t.sidesNamed ? (t.suggestedMe ?? '') : '';
    const name = (c.audio?.name ?? c.transcript?.name ?? '').replace(/\.[^.]+$/, '');
    if (!title.value) title.value = name;
  }

  async function pick(folder: boolean): Promise<void> {
    busy.value = true;
    try {
      const c = await app.chooseCallFiles({ folder });
      if (c) accept(c);
    } catch (err) {
      error.value = errorText(err);
    } finally {
      busy.value = false;
    }
  }

  async function drop(paths: string[], done: (c: CallSummary) => void): Promise<void> {
    open(done);
    if (step.value === 'running') return;
    if (paths.length === 0) {
      error.value = 'Those files have no path on this computer; use “Choose files…” instead.';
      return;
    }
    busy.value = true;
    title.value = '';
    try {
      accept(await app.dropCallFiles({ paths }));
    } catch (err) {
      choice.value = null;
      error.value = errorText(err);
    } finally {
      busy.value = false;
    }
  }

  async function start(): Promise<void> {
    const c = choice.value;
    if (!c || !canStart.value) return;
    const id = newImportId();
    importId = id;
    error.value = null;
    progress.value = { importId: id, phase: 'reading', fraction: 0 };
    step.value = 'running';
    try {
      await app.importCall({
        importId: id,
        ...(c.audio ? { audio: c.audio.path } : {}),
        ...(c.transcript ? { transcript: c.transcript.path } : {}),
        ...(needsMe.value ? { me: me.value } : {}),
        ...(title.value.trim() ? { title: title.value.trim().slice(0, 200) } : {}),
      });
    } catch (err) {
      if (importId === id) {
        importId = null;
        step.value = 'failed';
        error.value = errorText(err);
        progress.value = null;
      }
    }
  }

  async function cancel(): Promise<void> {
    if (step.value !== 'running' || !importId) return;
    try {
      await engine.cancelImport({ importId });
    } catch (err) {
      error.value = errorText(err);
    }
  }

  function close(): void {
    if (step.value === 'running') return; // Cancel first
    step.value = 'closed';
    choice.value = null;
    me.value = '';
    title.value = '';
    error.value = null;
  }

  return { step, choice, me, title, error, progress, busy, needsMe, canStart, open, pick, drop, start, cancel, close };
});
