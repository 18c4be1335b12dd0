// "Add a call…" in the engine: a transcript's speakers by talk time, an
// import that stores exactly what `candor analyze --save` stores, "me"
// remembered per name, a bad file reported with nothing stored, and a
// cancelled audio analysis that stores nothing.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ImportFinished, ImportProgress } from '../../../src-main/contract/imports';
import { encodeWav } from '../../../src-main/engine/audio/wav-writer';
import { analyzeFiles, MONO_MIX_NOTE } from '../../../src-main/engine/pipeline/analyze-files';
import { rememberMe } from '../../../src-main/engine/service/call-imports';
import { EngineService } from '../../../src-main/engine/service/engine-service';
import { CallStore } from '../../../src-main/engine/store/calls-store';
import { openStoreWorker } from '../../../src-main/engine/store/worker/store-client';
import { ROOT } from '../../support/cli';
import { tempDir } from '../../support/tmp';

const ZOOM = join(ROOT, 'tests/fixtures/transcripts/real/zoom-acdt-068.vtt');
const SAMPLE_AUDIO = join(ROOT, 'resources/samples/sample-call.flac');
const SAMPLE_VTT = join(ROOT, 'resources/samples/sample-call.vtt');

async function setup() {
  const dir = tempDir('candor-import-');
  const thread = await openStoreWorker(join(dir, 'candor.db'));
  // The test reads what was stored through its own connection.
  const store = new CallStore(join(dir, 'candor.db'));
  after(async () => {
    store.close();
    await thread.close();
  });
  const svc = new EngineService({
    store: thread,
    captureMode: 'engine',
    createCapture: async () => ({ sources: [] }),
    createSession: () => {
      throw new Error('no live calls here');
    },
  });
  const progress: ImportProgress[] = [];
  const finished: ImportFinished[] = [];
  svc.on('onImportProgress', (p) => progress.push(p));
  svc.on('onImportFinished', (p) => finished.push(p));
  const done = (id: string): Promise<ImportFinished> => new Promise((resolve) => {
    const t = setInterval(() => {
      const f = finished.find((x) => x.importId === id);
      if (f) {
        clearInterval(t);
        resolve(f);
      }
    }, 10);
  });
  const count = (): number => store.db.prepare('SELECT count(*) FROM calls').pluck().get() as number;
  return { store, svc, progress, finished, done, count, dir };
}

test('a transcript\'s speakers come sorted by talk time, with the remembered "me" suggested', async () => {
  const { svc } = await setup();
  const info = await svc.transcriptInfo({ path: ZOOM });
  assert.equal(info.format, 'vtt');
  assert.equal(info.speakers.length, 17);
  for (let i = 1; i < info.speakers.length; i++) assert.ok(info.speakers[i - 1].talkSec >= info.speakers[i].talkSec);
  assert.equal(info.speakers[0].name, 'Barnabas', 'the host talks most');
  assert.equal(info.suggestedMe, null);
  assert.equal(info.sidesNamed, false);
  await svc.updateSettings({ meNames: ['someone else', 'potuz'] });
  assert.equal((await svc.transcriptInfo({ path: ZOOM })).suggestedMe, 'Potuz', 'matched case-insensitively, spelled as in the file');
});

test('an import stores what candor analyze --save stores, and remembers "me"', async () => {
  const { svc, store, progress, done } = await setup();
  const { importId } = await svc.importCall({ importId: 'imp-1', transcript: ZOOM, me: 'Stefan Starflinger', title: 'ACDT 068' });
  const f = await done(importId);
  assert.ok(f.ok, JSON.stringify(f));
  const stored = store.get(f.call.id);
  assert.equal(stored.title, 'ACDT 068');
  assert.equal(stored.source, 'file');
  const cli = await analyzeFiles({ transcript: ZOOM, me: 'Stefan Starflinger' });
  // The store keeps the utterances in their own table, not inside the report.
  const { utterances: cliUtterances, ...cliReport } = cli.report;
  assert.deepEqual({ ...stored.report, callId: undefined }, { ...cliReport, callId: undefined });
  assert.equal(stored.utterances.length, cli.utterances.length);
  assert.deepEqual(stored.utterances.map((u) => [u.side, u.speaker, u.start, u.end, u.text]), cliUtterances!.map((u) => [u.side, u.speaker, u.start, u.end, u.text]));
  assert.deepEqual(progress.filter((p) => p.importId === importId).map((p) => p.phase), ['reading', 'analysing', 'saving']);
  assert.deepEqual((await svc.getSettings()).meNames, ['Stefan Starflinger']);
  assert.deepEqual(rememberMe(['a', 'Stefan starflinger ', 'b'], 'Stefan Starflinger'), ['Stefan Starflinger', 'a', 'b']);
});

test('a bad transcript or a wrong "me" is reported and nothing is stored', async () => {
  const { svc, dir, done, count } = await setup();
  const bad = join(dir, 'broken.vtt');
  writeFileSync(bad, 'WEBVTT\n\nthis is not a cue\n');
  const a = await done((await svc.importCall({ importId: 'bad-1', transcript: bad })).importId);
  assert.ok(!a.ok);
  assert.equal(a.error.code, 'TRANSCRIPT_INVALID');
  assert.match(a.error.message, /broken\.vtt/);
  const b = await done((await svc.importCall({ importId: 'bad-2', transcript: ZOOM, me: 'Barnabus' })).importId);
  assert.ok(!b.ok);
  assert.match(b.error.message, /no speaker named "Barnabus"/);
  assert.match(b.error.hint ?? '', /Did you mean "Barnabas"/);
  const c = await done((await svc.importCall({ importId: 'bad-3', transcript: ZOOM })).importId);
  assert.ok(!c.ok);
  assert.match(c.error.message, /which speaker are you/);
  assert.equal(count(), 0);
  await assert.rejects(svc.importCall({ importId: 'bad-1', transcript: ZOOM, me: 'Manu' }).then(() => svc.importCall({ importId: 'bad-1', transcript: ZOOM, me: 'Manu' })),
    /already running/);
});

test('cancelling an audio import stops the analysis and stores nothing', { timeout: 120_000 }, async () => {
  const { svc, progress, done, count } = await setup();
  const { importId } = await svc.importCall({ importId: 'audio-1', audio: SAMPLE_AUDIO });
  await new Promise<void>((resolve) => {
    const t = setInterval(() => {
      if (progress.some((p) => p.importId === importId && p.phase === 'analysing' && (p.fraction ?? 0) > 0.06)) {
        clearInterval(t);
        resolve();
      }
    }, 5);
  });
  assert.deepEqual(await svc.cancelImport({ importId }), { cancelled: true });
  const f = await done(importId);
  assert.ok(!f.ok);
  assert.equal(f.error.code, 'CANCELLED');
  assert.equal(count(), 0);
  assert.deepEqual(await svc.cancelImport({ importId }), { cancelled: false }, 'an ended import cannot be cancelled');
  assert.ok(!progress.some((p) => p.importId === importId && p.phase === 'saving'));
});

test('a mono recording (everyone mixed, as Zoom\'s .m4a) beside a named transcript: timing from the cue times, said in a note', { timeout: 60_000 }, async () => {
  const { svc, store, dir, done } = await setup();
  const mono = join(dir, 'mixed.wav');
  writeFileSync(mono, encodeWav([new Float32Array(16_000 * 3)], 16_000));
  const f = await done((await svc.importCall({ importId: 'mono-1', audio: mono, transcript: SAMPLE_VTT, me: 'Alex Rivera' })).importId);
  assert.ok(f.ok, JSON.stringify(f));
  const report = store.get(f.call.id).report!;
  assert.ok(report.notes?.includes(MONO_MIX_NOTE));
  const alone = await analyzeFiles({ transcript: SAMPLE_VTT, me: 'Alex Rivera' });
  assert.deepEqual(report.metrics, alone.report.metrics, 'the same figures as the transcript alone');
  await assert.rejects(analyzeFiles({ audio: { file: mono }, transcript: SAMPLE_VTT, me: 'Alex Rivera' }), /is mono/, 'the CLI still asks for --side');
});
