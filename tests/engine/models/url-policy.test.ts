// #14 defect 15: the download trusts the manifest no further than https.
// http:// is refused (except on the loopback interface), and a redirect may
// only stay on the same origin or go over https to the CDNs behind the
// manifest's hosts.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import { CandorError } from '../../../src-main/contract/errors';
import { downloadFile } from '../../../src-main/engine/models/download';
import { loadManifest } from '../../../src-main/engine/models/manifest';
import { checkDownloadUrl, checkRedirect } from '../../../src-main/engine/models/url-policy';
import { tempDir } from '../../support/tmp';

const dir = tempDir();
const SHA = 'a'.repeat(64);

test('http:// is refused before any connection; https and loopback http pass', async () => {
  for (const url of ['http://huggingface.co/m/model.onnx', 'http://10.0.0.1/model.onnx', 'ftp://example.com/m', 'file:///etc/passwd', 'not a url']) {
    assert.throws(() => checkDownloadUrl(url), (e: unknown) => e instanceof CandorError && e.code === 'MODEL_CORRUPT', url);
  }
  await assert.rejects(downloadFile({ url: 'http://example.invalid/model.onnx', dest: join(dir, 'm.onnx'), sha256: SHA, retries: 0 }),
    (e: unknown) => e instanceof CandorError && /refused to download http:\/\/example\.invalid\/model\.onnx: models are downloaded over https only, not http/.test(e.message));
  for (const url of ['https://huggingface.co/m/model.onnx', 'http://127.0.0.1:8080/m', 'http://localhost/m', 'http://[::1]:9/m']) checkDownloadUrl(url);
});

test('redirects: same origin, or https to the allowed CDN hosts; nothing else', () => {
  const hf = new URL('https://huggingface.co/onnx-community/model/resolve/main/model.onnx');
  for (const ok of ['https://huggingface.co/other', 'https://cdn-lfs.huggingface.co/x', 'https://cas-bridge.xethub.hf.co/x', 'https://objects.githubusercontent.com/x']) checkRedirect(hf, new URL(ok));
  for (const bad of ['http://huggingface.co/x', 'http://cdn-lfs.huggingface.co/x', 'https://evil.example/x', 'https://huggingface.co.evil.example/x', 'https://evilhf.co/x', 'https://hf.co.evil/x']) {
    assert.throws(() => checkRedirect(hf, new URL(bad)), (e: unknown) => e instanceof CandorError && /refused a redirect/.test(e.message), bad);
  }
  const local = new URL('http://127.0.0.1:8080/m');
  checkRedirect(local, new URL('http://127.0.0.1:8080/other'));
  assert.throws(() => checkRedirect(local, new URL('http://localhost:8080/m')), /refused a redirect/);
});

test('a manifest with an http:// address is refused when loaded', () => {
  const path = join(dir, 'manifest.json');
  writeFileSync(path, JSON.stringify({ models: [{ name: 'vad', file: 'vad.onnx', url: 'http://huggingface.co/vad.onnx', sha256: SHA, license: 'MIT' }] }));
  assert.throws(() => loadManifest(path), (e: unknown) => e instanceof CandorError && e.code === 'MODEL_CORRUPT' && /vad: refused to download http:\/\/huggingface\.co\/vad\.onnx: models are downloaded over https only/.test(e.message));
  writeFileSync(path, JSON.stringify({ models: [{ name: 'asr', dir: 'asr', license: 'MIT', files: [{ path: 'a.onnx', url: 'http://example.com/a.onnx', sha256: SHA }] }] }));
  assert.throws(() => loadManifest(path), /asr\/a\.onnx: refused to download http:\/\/example\.com\/a\.onnx/);
});
