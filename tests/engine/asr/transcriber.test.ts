// createTranscriber: null with a reason when the model is missing, a real
// worker thread (with a fake model) when it is there, and utterances back
// in call time. Nothing here downloads.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { asrAvailability, createTranscriber } from '../../../src-main/engine/asr/transcriber';
import { tempDir } from '../../support/tmp';

const FAKE = new URL('./fixtures/fake-runner.ts', import.meta.url).href;
const home = tempDir();
const env: NodeJS.ProcessEnv = { ...process.env, CANDOR_HOME: home, CANDOR_MODELS_DIR: join(home, 'models') };
const saved = process.env.CANDOR_MANIFEST;
const CONFIG = Buffer.from('{"model_type":"whisper"}');

before(() => {
  const manifest = join(home, 'manifest.json');
  const sha = createHash('sha256').update(CONFIG).digest('hex');
  writeFileSync(manifest, JSON.stringify({ models: [
    { name: 'fake-asr', kind: 'asr', dir: 'org/fake', language: 'en', default: true, license: 'MIT',
      files: [{ path: 'config.json', url: 'https://example.invalid/config.json', sha256: sha }] },
  ] }));
  process.env.CANDOR_MANIFEST = manifest;
});
after(() => {
  if (saved === undefined) delete process.env.CANDOR_MANIFEST;
  else process.env.CANDOR_MANIFEST = saved;
});

test('missing model: null, and the reason says how to install it', async () => {
  let reason = '';
  const t = await createTranscriber({ env, runnerModule: FAKE, onUnavailable: (r) => (reason = r) });
  assert.equal(t, null);
  assert.match(reason, /^model fake-asr is missing \(looked in .*org\/fake; missing config\.json\)\n {2}Run `npm run models`/);
  const a = asrAvailability({ env });
  assert.equal(a.ok, false);
});

test('installed model: segments go through the worker thread and come back as utterances in call time', async () => {
  mkdirSync(join(home, 'models', 'org', 'fake'), { recursive: true });
  writeFileSync(join(home, 'models', 'org', 'fake', 'config.json'), CONFIG);
  const t = await createTranscriber({ env, runnerModule: FAKE, batch: { minBatchSec: 5, maxWaitMs: 50 } });
  assert.ok(t);
  try {
    assert.equal(t.model, 'fake-asr');
    const samples = (sec: number, v: number): Float32Array => new Float32Array(sec * 16000).fill(v);
    const original = samples(2, 0.21);
    const [a, b, c] = await Promise.all([
      t.transcribe({ side: 'me', startSec: 12.5, samples: original }),
      t.transcribe({ side: 'them', startSec: 15, samples: samples(1, 0.31) }),
      t.transcribe({ side: 'me', startSec: 30, samples: samples(3, 0.22) }),
    ]);
    assert.deepEqual(a, [{ side: 'me', start: 12.5, end: 14.5, text: 'seg21.' }]);
    assert.deepEqual(b, [{ side: 'them', start: 15, end: 16, text: 'seg31.' }]);
    assert.deepEqual(c, [{ side: 'me', start: 30, end: 33, text: 'seg22.' }]);
    assert.equal(original[0], Math.fround(0.21), 'the caller keeps its samples');
    assert.deepEqual(await t.transcribe({ side: 'me', startSec: 40, samples: new Float32Array(0) }), []);
    // a model error fails that request with the worker's message, and the thread stays usable
    await assert.rejects(t.transcribe({ side: 'me', startSec: 50, samples: samples(1, 0.99) }), /speech recognition: fake model failure/);
    assert.deepEqual(await t.transcribe({ side: 'me', startSec: 60, samples: samples(1, 0.25) }), [{ side: 'me', start: 60, end: 61, text: 'seg25.' }]);
  } finally {
    await t.close();
  }
});

test('a model that fails to load: null, with the loader\'s message', async () => {
  let reason = '';
  const t = await createTranscriber({ env, runnerModule: FAKE, prompt: 'fail-init', onUnavailable: (r) => (reason = r) });
  assert.equal(t, null);
  assert.equal(reason, 'the speech model fake-asr did not load: loading the speech model: fake model could not load');
});
