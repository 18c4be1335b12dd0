// The manifest: the shipped one is valid (single-file and multi-file entries),
// and broken ones are caught with a clear message.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import { CandorError } from '../../../src-main/contract/errors';
import { defaultAsrModel, isMultiFile, loadManifest, manifestPath, type MultiFileEntry } from '../../../src-main/engine/models/manifest';
import { tempDir } from '../../support/tmp';

const dir = tempDir();
let n = 0;

function load(models: unknown[]): unknown {
  const p = join(dir, `m${n++}.json`);
  writeFileSync(p, JSON.stringify({ models }));
  return loadManifest(p);
}

function fails(models: unknown[], message: string): void {
  assert.throws(() => load(models), (e: unknown) => e instanceof CandorError && e.code === 'MODEL_CORRUPT' && e.message.endsWith(message));
}

const single = { name: 'vad', kind: 'vad', file: 'v.onnx', url: 'https://x/v.onnx', sha256: 'a'.repeat(64), license: 'MIT' };
const multi = { name: 'asr', kind: 'asr', dir: 'org/asr', license: 'MIT', files: [{ path: 'config.json', url: 'https://x/c', sha256: 'pending' }] };

test('the shipped manifest is valid: VAD and vision are single files, ASR models are folders with pending hashes', () => {
  const entries = loadManifest(manifestPath());
  const names = entries.map((e) => e.name);
  for (const name of ['silero-vad-v6', 'yunet-320', 'whisper-tiny.en', 'whisper-base']) assert.ok(names.includes(name), name);
  const tiny = entries.find((e) => e.name === 'whisper-tiny.en') as MultiFileEntry;
  assert.ok(isMultiFile(tiny));
  assert.equal(tiny.language, 'en');
  assert.deepEqual(tiny.files.map((f) => f.path), ['config.json', 'generation_config.json', 'preprocessor_config.json', 'tokenizer.json',
    'tokenizer_config.json', 'onnx/encoder_model_quantized.onnx', 'onnx/decoder_model_merged_quantized.onnx']);
  assert.ok(tiny.files.every((f) => f.sha256 === 'pending' && f.url === `https://huggingface.co/onnx-community/whisper-tiny.en/resolve/main/${f.path}`));
  assert.equal(defaultAsrModel(entries)?.name, 'whisper-tiny.en');
  const base = entries.find((e) => e.name === 'whisper-base') as MultiFileEntry;
  assert.equal(base.language, undefined); // multilingual
});

test('single- and multi-file entries load side by side', () => {
  assert.equal((load([single, multi]) as unknown[]).length, 2);
});

test('broken entries are caught', () => {
  fails([{ ...single, sha256: 'pending' }], 'vad has a malformed sha256'); // single files always need a real hash
  fails([{ ...single, url: undefined }], 'entry "vad" has no "url"');
  fails([{ ...multi, files: [] }], 'asr lists no files');
  fails([{ ...multi, dir: '../escape' }], 'asr has a malformed "dir"');
  fails([{ ...multi, files: [{ path: 'a/../../b', url: 'https://x', sha256: 'pending' }] }], 'asr has a file with a malformed "path": "a/../../b"');
  fails([{ ...multi, files: [{ path: 'c', url: 'ftp://x', sha256: 'pending' }] }], 'asr/c: refused to download ftp://x/: models are downloaded over https only, not ftp');
  fails([{ ...multi, files: [{ path: 'c', url: 'https://x', sha256: 'PENDING?' }] }], 'asr/c has a malformed sha256 (64 hex digits, or "pending")');
  fails([{ ...multi, files: [multi.files[0], multi.files[0]] }], 'asr lists config.json twice');
  fails([single, single], 'two entries are named vad');
});
