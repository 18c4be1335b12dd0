// Installing a multi-file model: refused without hashes unless trusted on
// first download; recorded hashes then guard every load; a tampered file is
// corrupt; nothing is ever downloaded by resolution.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { CandorError } from '../../../src-main/contract/errors';
import { installModel } from '../../../src-main/engine/models/install';
import { multiFileEntry } from '../../../src-main/engine/models/manifest';
import { modelDirStatus, resolveModelDirSync } from '../../../src-main/engine/models/resolve-dir';
import { trustStorePath } from '../../../src-main/engine/models/trust-store';
import { tempDir } from '../../support/tmp';

const FILES: Record<string, Buffer> = { '/config.json': Buffer.from('{"model_type":"whisper"}'), '/onnx/enc.onnx': Buffer.alloc(4096, 7) };
const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');
let server: http.Server;
let requests = 0;
const home = tempDir();
const env: NodeJS.ProcessEnv = { ...process.env, CANDOR_HOME: home, CANDOR_MODELS_DIR: join(home, 'models') };
const saved = process.env.CANDOR_MANIFEST;

before(async () => {
  server = http.createServer((req, res) => {
    requests++;
    const body = FILES[req.url ?? ''];
    if (!body) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-length': body.length }).end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const manifest = join(home, 'manifest.json');
  writeFileSync(manifest, JSON.stringify({ models: [
    { name: 'tiny-asr', kind: 'asr', dir: 'org/tiny', license: 'MIT', files: [
      { path: 'config.json', url: `${base}/config.json`, sha256: sha(FILES['/config.json']) },
      { path: 'onnx/enc.onnx', url: `${base}/onnx/enc.onnx`, sha256: 'pending' },
    ] },
    { name: 'escape-file', kind: 'vad', license: 'MIT', file: '../../escape.onnx', url: `${base}/config.json`, sha256: sha(FILES['/config.json']) },

  ] }));
  process.env.CANDOR_MANIFEST = manifest;
});

after(() => {
  server.close();
  if (saved === undefined) delete process.env.CANDOR_MANIFEST;
  else process.env.CANDOR_MANIFEST = saved;
});

test('missing: resolution names the folder, the files and the way out, and downloads nothing', () => {
  const s = modelDirStatus('tiny-asr', env);
  assert.equal(s.status, 'missing');
  assert.throws(() => resolveModelDirSync('tiny-asr', env), (e: unknown) => {
    assert.ok(e instanceof CandorError);
    assert.equal(e.code, 'MODEL_MISSING');
    assert.equal(e.message, `model tiny-asr is missing (looked in ${join(home, 'models', 'org/tiny')}; missing config.json, onnx/enc.onnx)`);
    assert.match(e.hint!, /npm run models -- --trust-on-first-download/);
    return true;
  });
  assert.equal(requests, 0);
});

test('a pending hash is refused without --trust-on-first-download, before any byte is fetched', async () => {
  await assert.rejects(installModel(multiFileEntry('tiny-asr'), { env }), (e: unknown) => {
    assert.ok(e instanceof CandorError);
    assert.equal(e.code, 'MODEL_MISSING');
    assert.equal(e.message, 'model tiny-asr has no published sha256 for onnx/enc.onnx, so Candor cannot verify the download');
    assert.match(e.hint!, /--trust-on-first-download/);
    return true;
  });
  assert.equal(requests, 0);
});

test('with trust on first download: installed, the hash seen recorded in the app-data folder, then verified on load', async () => {
  const said: string[] = [];
  const r = await installModel(multiFileEntry('tiny-asr'), { env, trustOnFirstDownload: true, onFile: (f, what) => said.push(`${f}: ${what}`) });
  assert.deepEqual(r.downloaded, ['config.json', 'onnx/enc.onnx']);
  assert.deepEqual(r.recorded, ['onnx/enc.onnx']);
  assert.equal(said[0], 'config.json: downloaded and verified');
  assert.match(said[1], /^onnx\/enc\.onnx: downloaded; sha256 [0-9a-f]{64} recorded \(trust on first download\)$/);
  const store = JSON.parse(readFileSync(trustStorePath(env), 'utf8'));
  assert.equal(store.models['tiny-asr']['onnx/enc.onnx'].sha256, sha(FILES['/onnx/enc.onnx']));
  assert.equal(store.models['tiny-asr']['onnx/enc.onnx'].size, 4096);
  assert.deepEqual(resolveModelDirSync('tiny-asr', env), { root: join(home, 'models'), dir: join(home, 'models', 'org/tiny') });
  // a second fetch finds everything in place
  const again = await installModel(multiFileEntry('tiny-asr'), { env });
  assert.deepEqual(again.downloaded, []);
  assert.deepEqual(again.alreadyThere, ['config.json', 'onnx/enc.onnx']);
});

test('a file changed after the first download is corrupt against the recorded hash, and a fetch repairs it', async () => {
  const path = join(home, 'models', 'org/tiny', 'onnx/enc.onnx');
  writeFileSync(path, Buffer.alloc(4096, 8));
  assert.throws(() => resolveModelDirSync('tiny-asr', env), (e: unknown) => e instanceof CandorError && e.code === 'MODEL_CORRUPT' &&
    e.message.startsWith(`model tiny-asr: ${path} is corrupt: its sha256 is `));
  const r = await installModel(multiFileEntry('tiny-asr'), { env });
  assert.deepEqual(r.downloaded, ['onnx/enc.onnx']);
  assert.ok(readFileSync(path).equals(FILES['/onnx/enc.onnx']));
  assert.equal(modelDirStatus('tiny-asr', env).status, 'ok');
});

test('files present but never recorded are "untrusted", not silently accepted', () => {
  const home2 = tempDir();
  const env2 = { ...env, CANDOR_HOME: home2, CANDOR_MODELS_DIR: join(home, 'models') };
  assert.equal(existsSync(trustStorePath(env2)), false);
  const s = modelDirStatus('tiny-asr', env2);
  assert.deepEqual(s, { name: 'tiny-asr', status: 'untrusted', root: join(home, 'models'), files: ['onnx/enc.onnx'] });
  assert.throws(() => resolveModelDirSync('tiny-asr', env2), (e: unknown) => e instanceof CandorError && e.code === 'MODEL_MISSING' && /cannot be verified/.test(e.message));
});

test('modelStatus/resolveModelSync also answer for a folder model (callers that list every manifest entry)', async () => {
  const { modelStatus, resolveModelSync } = await import('../../../src-main/engine/models/resolve');
  assert.deepEqual(modelStatus('tiny-asr', env), { name: 'tiny-asr', status: 'ok', path: join(home, 'models', 'org/tiny') });
  assert.equal(resolveModelSync('tiny-asr', env), join(home, 'models', 'org/tiny'));
  const empty = { ...env, CANDOR_HOME: tempDir(), CANDOR_MODELS_DIR: tempDir() };
  assert.equal(modelStatus('tiny-asr', empty).status, 'missing');
});

test('issue 14 #15: a manifest file name that leaves the models folder is refused before any byte is fetched', async () => {
  const { manifestEntry } = await import('../../../src-main/engine/models/manifest');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/config.json`;
  const escapeDir = { name: 'escape-dir', kind: 'asr', license: 'MIT', dir: '../..', files: [{ path: 'escape.json', url, sha256: sha(FILES['/config.json']) }] };
  for (const [name, entry] of [['escape-file', manifestEntry('escape-file')], ['escape-dir', escapeDir]] as const) {
    const before = requests;
    await assert.rejects(installModel(entry, { env, trustOnFirstDownload: true, retryDelayMs: 1 }),
      (e: unknown) => e instanceof CandorError && /would leave the models folder/.test(e.message));
    assert.equal(requests, before, `${name}: nothing fetched`);
  }
  assert.equal(existsSync(join(home, 'escape.onnx')), false);
  assert.equal(existsSync(join(home, '..', 'escape.onnx')), false);
  assert.equal(existsSync(join(home, 'escape.json')), false);
});
