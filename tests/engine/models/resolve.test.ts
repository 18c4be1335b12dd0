// Models are found in CANDOR_MODELS_DIR, the app-data folder or an npm
// package, and checked against the manifest's sha256 before use.
import assert from 'node:assert/strict';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import { CandorError } from '../../../src-main/contract/errors';
import { isMultiFile, loadManifest, manifestEntry } from '../../../src-main/engine/models/manifest';
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

test('a missing model says how to get it', () => {
  const s = modelStatus('yunet-320', { CANDOR_MODELS_DIR: empty, CANDOR_HOME: home });
  assert.equal(s.status, 'missing');
  assert.throws(() => resolveModelSync('yunet-320', { CANDOR_MODELS_DIR: empty, CANDOR_HOME: home }), (err: CandorError) =>
    err.code === 'MODEL_MISSING' && /yunet-320 is missing/.test(err.message) && /npm run models/.test(err.hint ?? ''));
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
