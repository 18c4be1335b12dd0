// Flow 3 (end to end, real engine and SQLite file): add calls from files
// through the app's own flow, and the HUD's prompt when the engine notices a
// call. A Zoom VTT is dropped on the history window, "me" is chosen from its
// speakers (sorted by talk time), the engine imports it with progress, and
// the stored call equals what `candor analyze --save` stores and its page
// shows what that analysis says (figures, next steps, participants); the choice is
// remembered; a bad file shows the engine's error and stores nothing; an
// audio import shows its progress bar and is cancelled. Then another process
// opens the (test PulseAudio) microphone and the HUD asks "Start coaching
// this call?", and offers to stop once the microphone is released.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { analyzeFiles } from '../../src-main/engine/pipeline/analyze-files';
import { assertFiguresShown, assertParticipantsShown } from './support/call-page';
import { startPulse } from '../support/pulse';
import type { BridgeOptions } from './support/bridge-server';
import { e2e, ROOT, type E2E } from './support/setup';

const ZOOM_VTT = join(ROOT, 'tests/fixtures/transcripts/real/zoom-acdt-068.vtt');
const SAMPLE_AUDIO = join(ROOT, 'resources/samples/sample-call.flac');
const SAMPLE_VTT = join(ROOT, 'resources/samples/sample-call.vtt');

const rig = startPulse();
const mic = `${rig.micSink}.monitor`;

let env: E2E;
let page: Page;
let dropDir: string;

async function until(what: string, ok: () => Promise<boolean> | boolean, timeoutMs = 20_000): Promise<void> {
  const t0 = Date.now();
  while (!(await ok())) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Drops files (by name, from dropDir) on the history window, as a user would from a file manager. */
async function drop(p: Page, names: string[]): Promise<void> {
  const dt = await p.evaluateHandle((list) => {
    const d = new DataTransfer();
    for (const n of list) d.items.add(new File(['x'], n));
    return d;
  }, names);
  await p.dispatchEvent('[data-testid=shell]', 'dragover', { dataTransfer: dt });
  await p.dispatchEvent('[data-testid=shell]', 'drop', { dataTransfer: dt });
}

// Browser globals, declared because the tests are type-checked without the DOM library.
declare const DataTransfer: { new (): { items: { add(f: unknown): void } } };
declare const File: { new (parts: string[], name: string): unknown };

/**
 * The engine's own analysis, except that an audio import then stays open
 * until it is cancelled (at most a minute). The sample call's analysis takes
 * about a second here, less than the test needs to see its progress and click
 * Cancel; held open, the Cancel always lands while the import runs. A cancel
 * in the middle of the analysis itself is tested on the engine
 * (tests/engine/service/call-imports.test.ts).
 */
const heldAudioImport: NonNullable<BridgeOptions['analyzeFiles']> = async (spec, opts) => {
  const r = await analyzeFiles(spec, opts);
  if (spec.audio && opts.signal && !opts.signal.aborted) {
    const signal = opts.signal;
    await new Promise<void>((resolve) => {
      const cap = setTimeout(resolve, 60_000);
      signal.addEventListener('abort', () => { clearTimeout(cap); resolve(); }, { once: true });
    });
  }
  return r;
};

const calls = (): number => env.bridge.store.db.prepare('SELECT count(*) FROM calls').pluck().get() as number;

before(async () => {
  env = await e2e({ consent: true, seed: false, speed: 4, analyzeFiles: heldAudioImport, callWatch: { detector: { mic, confirmMs: 300, releaseMs: 1500 } } });
  dropDir = join(env.dir, 'drop');
  mkdirSync(dropDir);
  copyFileSync(ZOOM_VTT, join(dropDir, 'zoom-acdt-068.vtt'));
  writeFileSync(join(dropDir, 'broken.vtt'), 'WEBVTT\n\nnot a cue at all\n');
  writeFileSync(join(dropDir, 'notes.txt'), 'meeting notes');
  page = await env.history({ dropDir, pick: [SAMPLE_AUDIO, SAMPLE_VTT] });
  await page.getByRole('heading', { name: 'Calls', exact: true }).waitFor();
});

after(async () => {
  await env?.close();
});

test('a dropped Zoom VTT: choose me by talk time, import with progress, stored as candor analyze --save stores it', { timeout: 60_000 }, async () => {
  const progress: string[] = [];
  env.bridge.service.on('onImportProgress', (p) => progress.push(p.phase));
  await drop(page, ['zoom-acdt-068.vtt']);
  const dialog = page.getByTestId('add-call-dialog');
  await dialog.getByTestId('add-me').waitFor();
  const names = await dialog.locator('.add-speaker-name').allTextContents();
  assert.equal(names.length, 17);
  assert.equal(names[0], 'Barnabas', 'the speaker who talks most comes first');
  assert.ok(await dialog.getByTestId('add-start').isDisabled(), 'nothing starts before "me" is chosen');
  await dialog.getByRole('radio', { name: /^Stefan Starflinger/ }).check();
  await dialog.getByTestId('add-title').fill('ACDT 068');
  await env.shot(page, 'add-call-choose-me');
  await dialog.getByTestId('add-start').click();

  await page.getByTestId('flash').getByText('Added “ACDT 068”.').waitFor();
  await page.getByTestId('timeline').waitFor();
  const stored = env.bridge.store.list()[0];
  assert.equal(stored.title, 'ACDT 068');
  const detail = env.bridge.store.get(stored.id);
  const cli = await analyzeFiles({ transcript: join(dropDir, 'zoom-acdt-068.vtt'), me: 'Stefan Starflinger' });
  // The store keeps the utterances in their own table, not inside the report.
  const { utterances: cliUtterances, ...cliReport } = cli.report;
  assert.deepEqual({ ...detail.report, callId: undefined }, { ...cliReport, callId: undefined }, 'the same analysis as candor analyze --save');
  assert.deepEqual(detail.utterances.map((u) => [u.side, u.speaker, u.start, u.end, u.text]), cliUtterances!.map((u) => [u.side, u.speaker, u.start, u.end, u.text]));
  assert.equal(detail.utterances.length, cli.utterances.length);
  assert.deepEqual([...new Set(progress)], ['reading', 'analysing', 'saving']);
  assert.deepEqual((await env.bridge.service.getSettings()).meNames, ['Stefan Starflinger']);
  // The page the import opened shows what the engine's JSON says.
  await assertFiguresShown(page, cliReport);
  await assertParticipantsShown(page, cliReport);

  // The choice is remembered per name: the next import from this meeting series preselects it.
  await drop(page, ['zoom-acdt-068.vtt']);
  await dialog.getByText('Remembered from an earlier call: Stefan Starflinger').waitFor();
  assert.ok(await dialog.getByRole('radio', { name: /^Stefan Starflinger/ }).isChecked());
  await dialog.getByTestId('add-close').click();
});

test('bad files: main refuses what is not a call file, the engine\'s error for a broken transcript; nothing stored', { timeout: 30_000 }, async () => {
  const before = calls();
  const dialog = page.getByTestId('add-call-dialog');
  await drop(page, ['notes.txt']);
  await dialog.getByTestId('add-error').getByText('notes.txt is neither a recording nor a transcript').waitFor();
  await drop(page, ['broken.vtt']);
  await dialog.getByTestId('add-error').getByText(/broken\.vtt:3: the transcript has no spoken lines/).waitFor();
  assert.ok(await dialog.getByTestId('add-start').isDisabled());
  await env.shot(page, 'add-call-error');
  await dialog.getByTestId('add-close').click();
  assert.equal(calls(), before);
});

test('"Add a call…" with the file dialog: a recording and its transcript, progress bar, Cancel stores nothing', { timeout: 120_000 }, async () => {
  const before = calls();
  await page.getByTestId('nav-list').click();
  await page.getByTestId('add-call').click();
  const dialog = page.getByTestId('add-call-dialog');
  await dialog.getByTestId('add-choose-files').click();
  await dialog.getByText('sample-call.flac').waitFor();
  const names = await dialog.locator('.add-speaker-name').allTextContents();
  assert.deepEqual(names, ['Alex Rivera', 'Jordan Lee']);
  await dialog.getByRole('radio', { name: /^Alex Rivera/ }).check();
  await dialog.getByTestId('add-start').click();
  await dialog.getByTestId('add-progress').waitFor();
  await until('the analysis to move', async () => Number(await dialog.locator('progress').getAttribute('value')) > 0.08, 60_000);
  await env.shot(page, 'add-call-progress');
  await dialog.getByTestId('add-cancel').click();
  await dialog.getByTestId('add-start').waitFor();
  assert.equal(await dialog.getByTestId('add-error').count(), 0, 'a cancel is not an error');
  assert.equal(calls(), before, 'nothing stored');
  await dialog.getByTestId('add-close').click();
  assert.deepEqual(env.browser.problems, [], 'no console error and no CSP violation');
  assert.deepEqual(env.bridge.refused, []);
});

test('HUD: another app opens the microphone, "Start coaching this call?", then an offer to stop when it is released', { timeout: 90_000 }, async () => {
  const hud = await env.hud();
  await hud.getByTestId('start').waitFor();
  const out = execFileSync('sh', ['-c', `setsid parec --device=${mic} --raw >/dev/null 2>&1 & echo $!`], { encoding: 'utf8' });
  const pid = Number(out.trim());
  try {
    const prompt = hud.getByTestId('call-prompt');
    await prompt.getByText('Start coaching this call?').waitFor({ timeout: 15_000 });
    await prompt.getByText('parec is using the microphone.').waitFor();
    await env.shot(hud, 'hud-start-coaching-prompt');
    await prompt.getByTestId('prompt-start').click();
    await hud.getByTestId('rec').getByText('REC').waitFor({ timeout: 20_000 });
    assert.equal(await hud.getByTestId('call-prompt').count(), 0, 'the prompt goes once coaching starts');
  } finally {
    process.kill(pid, 'SIGTERM');
  }
  const prompt = hud.getByTestId('call-prompt');
  await prompt.getByText('Stop and save this call?').waitFor({ timeout: 15_000 });
  await env.shot(hud, 'hud-stop-prompt');
  const before = calls();
  await prompt.getByTestId('prompt-stop').click();
  await hud.getByTestId('start').waitFor({ timeout: 30_000 });
  assert.equal(calls(), before, 'the call that was started is the one saved (no new row)');
  assert.equal(env.bridge.store.list()[0].status, 'complete');
  assert.deepEqual(env.browser.problems, []);
});
