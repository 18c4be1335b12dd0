// `candor models`: list, verify, and fetch against a local server, with the
// trust-on-first-download rule for files without a published sha256.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { candor, CLI, ROOT } from '../support/cli';
import { tempDir } from '../support/tmp';

const home = tempDir();
const BODY = Buffer.alloc(50_000, 3);
let server: http.Server;
let hits = 0;
let manifest = '';

before(async () => {
  server = http.createServer((req, res) => {
    hits++;
    if (req.url !== '/model.onnx') return void res.writeHead(404).end();
    res.writeHead(200, { 'content-length': BODY.length }).end(BODY);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/model.onnx`;
  manifest = join(home, 'manifest.json');
  writeFileSync(manifest, JSON.stringify({ models: [
    { name: 'one-file', kind: 'vision', file: 'one.onnx', url, sha256: createHash('sha256').update(BODY).digest('hex'), license: 'MIT' },
    { name: 'asr-x', kind: 'asr', dir: 'org/asr-x', language: 'en', default: true, license: 'MIT', files: [{ path: 'onnx/m.onnx', url, sha256: 'pending' }] },
  ] }));
});
after(() => server.close());

function run(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    // CANDOR_MODELS_DIR (set by CI to the shared models) would override the models folder under test
    const p = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env: { ...process.env, CANDOR_MODELS_DIR: '', ...env } });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

test('the shipped manifest: list shows every model; fetching an ASR model with pending hashes is refused before any download', () => {
  const env = { CANDOR_HOME: join(home, 'shipped'), CANDOR_MODELS_DIR: '' };
  const r = candor(['models', 'list', '--json'], env);
  assert.equal(r.code, 0, r.stderr);
  const rows = JSON.parse(r.stdout) as { name: string; status: string }[];
  assert.deepEqual(rows.find((x) => x.name === 'whisper-tiny.en')?.status, 'missing');
  const f = candor(['models', 'fetch', 'whisper-tiny.en'], env);
  assert.equal(f.code, 1);
  assert.match(f.stderr, /refused: model whisper-tiny\.en has no published sha256 for config\.json, .*so Candor cannot verify the download\n\s+Pass --trust-on-first-download/);
  assert.equal(existsSync(join(home, 'shipped', 'models', 'onnx-community')), false);
});

test('fetch: single files verified, the ASR folder refused, then installed with --trust-on-first-download; verify passes', async () => {
  const env = { CANDOR_HOME: join(home, 'local'), CANDOR_MANIFEST: manifest };
  const r1 = await run(['models', 'fetch'], env);
  assert.equal(r1.code, 1, r1.stderr);
  assert.match(r1.stderr, /one-file:\n(?:\s+one\.onnx \[[#.]+\] .*\n)+\s+one\.onnx: downloaded and verified/); // progress lines on stderr
  assert.match(r1.stderr, /asr-x:\n\s+refused: model asr-x has no published sha256 for onnx\/m\.onnx/);
  assert.equal(hits, 1);
  const v1 = await run(['models', 'verify', 'asr-x'], env);
  assert.equal(v1.code, 1);
  const r2 = await run(['models', 'fetch', '--trust-on-first-download'], env);
  assert.equal(r2.code, 0, r2.stderr);
  assert.match(r2.stderr, /one\.onnx: ok/);
  assert.match(r2.stderr, /onnx\/m\.onnx: downloaded; sha256 [0-9a-f]{64} recorded \(trust on first download\)/);
  const trusted = JSON.parse(readFileSync(join(home, 'local', 'trusted-model-hashes.json'), 'utf8'));
  assert.equal(trusted.models['asr-x']['onnx/m.onnx'].sha256, createHash('sha256').update(BODY).digest('hex'));
  const v2 = await run(['models', 'verify'], env);
  assert.equal(v2.code, 0, v2.stderr);
  assert.match(v2.stdout, /asr-x\s+asr\s+ok/);
  // tamper with the installed file: verify fails and names it
  writeFileSync(join(home, 'local', 'models', 'org/asr-x', 'onnx/m.onnx'), Buffer.alloc(50_000, 4));
  const v3 = await run(['models', 'verify'], env);
  assert.equal(v3.code, 1);
  assert.match(v3.stderr, /asr-x is corrupt/);
});

test('unknown sub-command is a usage error', () => {
  const r = candor(['models', 'frobnicate'], { CANDOR_HOME: home, CANDOR_MODELS_DIR: '' });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /unknown models command "frobnicate"/);
});
