// File analysis with words: closed segments of a real (synthetic) call go
// from the pipeline to the transcriber thread and come back as utterances
// inside those segments; the language metrics join the timing report.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { analyzeCallWithWords } from '../../../src-main/engine/asr/analyze-with-words';
import { manifestPath } from '../../../src-main/engine/models/manifest';
import { TURN_TAKING } from '../../support/scenarios';
import { buildCall, writeCall } from '../../support/synth';
import { tempDir } from '../../support/tmp';

const home = tempDir();
const env: NodeJS.ProcessEnv = { ...process.env, CANDOR_HOME: home, CANDOR_MODELS_DIR: join(home, 'models') };
const saved = process.env.CANDOR_MANIFEST;
const FAKE = new URL('./fixtures/fake-runner.ts', import.meta.url).href;

before(() => {
  const shipped = JSON.parse(readFileSync(manifestPath(), 'utf8')) as { models: { kind: string }[] };
  const config = Buffer.from('{}');
  const manifest = join(home, 'manifest.json');
  writeFileSync(manifest, JSON.stringify({ models: [
    ...shipped.models.filter((m) => m.kind === 'vad'),
    { name: 'fake-asr', kind: 'asr', dir: 'org/fake', language: 'en', license: 'MIT',
      files: [{ path: 'config.json', url: 'https://example.invalid/c', sha256: createHash('sha256').update(config).digest('hex') }] },
  ] }));
  mkdirSync(join(home, 'models', 'org', 'fake'), { recursive: true });
  writeFileSync(join(home, 'models', 'org', 'fake', 'config.json'), config);
  process.env.CANDOR_MANIFEST = manifest;
});
after(() => {
  if (saved === undefined) delete process.env.CANDOR_MANIFEST;
  else process.env.CANDOR_MANIFEST = saved;
});

test('every closed segment is transcribed, in call time, and the report gains language metrics', async () => {
  const call = buildCall(TURN_TAKING);
  const wav = join(home, 'call.wav');
  writeCall(wav, call);
  const r = await analyzeCallWithWords({ file: wav }, { asr: { env, runnerModule: FAKE, batch: { maxWaitMs: 20 } } });
  assert.ok(r.utterances.length >= r.segments.length, `${r.utterances.length} utterances for ${r.segments.length} segments`);
  for (const u of r.utterances) {
    const inside = r.segments.some((s) => s.side === u.side && u.start >= s.start - 0.05 && u.end <= s.end + 0.05);
    assert.ok(inside, `utterance ${u.side} ${u.start}-${u.end} lies inside one of its side's segments`);
    assert.match(u.text, /^seg-?\d+\.$/);
  }
  assert.equal(r.report.metrics.pace.method, 'transcript');
  assert.ok('fillers' in r.report.metrics && 'sentiment' in r.report.metrics && 'engagement' in r.report.metrics);
  assert.ok(r.report.notes!.includes('Timing comes from the audio; words come from on-device speech recognition (fake-asr).'));
});
