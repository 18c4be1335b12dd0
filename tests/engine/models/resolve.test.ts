// Models are found in CANDOR_MODELS_DIR, the app-data folder or an npm
// package, and checked against the manifest's sha256 before use.
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import test from 'node:test';
import { CandorError } from '../../../src-main/contract/errors';
import { isMultiFile, loadManifest, manifestEntry, PROJECT_ROOT } from '../../../src-main/engine/models/manifest';
import { modelStatus, resolveModelSync, sha256File } from '../../../src-main/engine/models/resolve';
import { SileroVad } from '../../../src-main/engine/vad/silero-vad';
import { tempDir } from '../../support/tmp';

const empty = tempDir();
const home = tempDir();

test('every manifest entry has name, file, url, sha256 and license', () => {
  const names = loadManifest().map((m) => m.name);
  assert.ok(names.includes('silero-vad-v6'));
  assert.ok(names.includes('yunet-320'));
  for (const m of loadManifest()) {
    const urls = isMultiFile(m) ? m.files.map((f) => f.url) : [m.url];
    for (const u of urls) assert.match(u, /^https:\/\//, m.name);
  }
});

test('Silero VAD resolves from the npm package when no folder has it', () => {
  const p = resolveModelSync('silero-vad-v6', { CANDOR_MODELS_DIR: empty, CANDOR_HOME: home });
  assert.match(p, /@ricky0123\/vad-web\/dist\/silero_vad_v6\.onnx$/);
  assert.equal(sha256File(p), manifestEntry('silero-vad-v6').sha256);
});

test('YuNet ships in models/ and resolves, verified, on a machine with no models folder', () => {
  for (const name of ['yunet-320', 'yunet-dynamic']) {
    const p = resolveModelSync(name, { CANDOR_MODELS_DIR: empty, CANDOR_HOME: home });
    assert.equal(dirname(p), join(PROJECT_ROOT, 'models'), name);
    assert.equal(sha256File(p), (manifestEntry(name) as { sha256: string }).sha256);
  }
  assert.ok(existsSync(join(PROJECT_ROOT, 'models', 'LICENSE-yunet.txt')), 'the shipped model carries its licence');
});

test('a missing model says how to get it', () => {
  // A manifest in a folder that ships no model files: YuNet is then missing.
  const bare = tempDir();
  copyFileSync(join(PROJECT_ROOT, 'models', 'manifest.json'), join(bare, 'manifest.json'));
  const saved = process.env.CANDOR_MANIFEST;
  process.env.CANDOR_MANIFEST = join(bare, 'manifest.json');
  try {
    const s = modelStatus('yunet-320', { CANDOR_MODELS_DIR: empty, CANDOR_HOME: home });
    assert.equal(s.status, 'missing');
    assert.ok(s.status === 'missing' && s.looked.includes(join(bare, 'yunet_n_320_320.onnx')), 'the shipped folder is among the places looked');
    assert.throws(() => resolveModelSync('yunet-320', { CANDOR_MODELS_DIR: empty, CANDOR_HOME: home }), (err: CandorError) =>
      err.code === 'MODEL_MISSING' && /yunet-320 is missing/.test(err.message) && /npm run models/.test(err.hint ?? ''));
  } finally {
    if (saved === undefined) delete process.env.CANDOR_MANIFEST;
    else process.env.CANDOR_MANIFEST = saved;
  }
});

test('a corrupt model is refused with its path and the fix', async () => {
  const dir = tempDir();
  const good = resolveModelSync('silero-vad-v6', { CANDOR_MODELS_DIR: empty, CANDOR_HOME: home });
  const bad = join(dir, 'silero_vad_v6.onnx');
  copyFileSync(good, bad);
  const b = readFileSync(bad);
  b[b.length >> 1] ^= 0xff;
  writeFileSync(bad, b);
  assert.throws(() => resolveModelSync('silero-vad-v6', { CANDOR_MODELS_DIR: dir, CANDOR_HOME: home }), (err: CandorError) =>
    err.code === 'MODEL_CORRUPT' && err.message.includes(bad) && /Delete .* and run `npm run models`/.test(err.hint ?? ''));
  // and the VAD refuses to start on it
  const saved = process.env.CANDOR_MODELS_DIR;
  process.env.CANDOR_MODELS_DIR = dir;
  try {
    await assert.rejects(SileroVad.create(2), (err: CandorError) => err.code === 'MODEL_CORRUPT');
  } finally {
    if (saved === undefined) delete process.env.CANDOR_MODELS_DIR;
    else process.env.CANDOR_MODELS_DIR = saved;
  }
});

test('an unknown model name lists the known ones', () => {
  assert.throws(() => manifestEntry('whisper-huge'), /unknown model "whisper-huge"/);
});
