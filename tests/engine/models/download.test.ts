// Model download against a local server on 127.0.0.1: resume with Range after
// a dropped connection, a server that ignores Range, a corrupt file refused,
// a 404, a redirect, and a .part left over from an earlier run.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { CandorError } from '../../../src-main/contract/errors';
import { downloadFile } from '../../../src-main/engine/models/download';
import { tempDir } from '../../support/tmp';

const SIZE = 300_000;
const BODY = Buffer.alloc(SIZE);
for (let i = 0; i < SIZE; i++) BODY[i] = (i * 7919 + (i >> 8)) & 0xff;
const SHA = createHash('sha256').update(BODY).digest('hex');
const CUT = 100_000;

const log: { path: string; range: string | undefined }[] = [];
const served = new Map<string, number>();
let server: http.Server;
let base = '';
const dir = tempDir();

function sendRange(req: http.IncomingMessage, res: http.ServerResponse, body: Buffer, cutAt?: number): void {
  const m = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
  const from = m ? Number(m[1]) : 0;
  if (from >= body.length) {
    res.writeHead(416, { 'content-range': `bytes */${body.length}` }).end();
    return;
  }
  const part = body.subarray(from);
  res.writeHead(m ? 206 : 200, { 'content-length': part.length, ...(m ? { 'content-range': `bytes ${from}-${body.length - 1}/${body.length}` } : {}) });
  if (cutAt !== undefined) {
    res.write(part.subarray(0, cutAt), () => setTimeout(() => res.socket?.destroy(), 20));
    return;
  }
  res.end(part);
}

before(async () => {
  server = http.createServer((req, res) => {
    const path = req.url ?? '';
    log.push({ path, range: req.headers.range });
    const n = (served.get(path) ?? 0) + 1;
    served.set(path, n);
    if (path === '/file') return sendRange(req, res, BODY);
    if (path === '/flaky') return sendRange(req, res, BODY, n === 1 ? CUT : undefined);
    if (path === '/norange') {
      res.writeHead(200, { 'content-length': SIZE });
      return void res.end(BODY);
    }
    if (path === '/flaky-norange') {
      res.writeHead(200, { 'content-length': SIZE });
      if (n === 1) return void res.write(BODY.subarray(0, CUT), () => setTimeout(() => res.socket?.destroy(), 20));
      return void res.end(BODY);
    }
    if (path === '/corrupt') {
      const bad = Buffer.from(BODY);
      bad[1234] ^= 0xff;
      return sendRange(req, res, bad);
    }
    if (path === '/redirect') {
      res.writeHead(302, { location: '/file' });
      return void res.end();
    }
    if (path === '/redirect-other-host') {
      res.writeHead(302, { location: `http://localhost:${(req.socket.localPort)}/file` });
      return void res.end();
    }
    if (path === '/redirect-other-scheme') {
      res.writeHead(302, { location: `https://127.0.0.1:${(req.socket.localPort)}/file` });
      return void res.end();
    }
    if (path === '/always-drops') return sendRange(req, res, BODY, 10);
    res.writeHead(404).end('not found');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(() => server.close());

const rangesFor = (path: string): (string | undefined)[] => log.filter((l) => l.path === path).map((l) => l.range);

test('a plain download is verified and renamed into place; progress reaches the total', async () => {
  const dest = join(dir, 'plain.bin');
  const seen: [number, number | null][] = [];
  const r = await downloadFile({ url: `${base}/file`, dest, sha256: SHA, size: SIZE, onProgress: (d, t) => seen.push([d, t]) });
  assert.deepEqual(r, { path: dest, sha256: SHA, bytes: SIZE, resumed: false });
  assert.ok(readFileSync(dest).equals(BODY));
  assert.equal(existsSync(`${dest}.part`), false);
  assert.deepEqual(seen.at(-1), [SIZE, SIZE]);
});

test('an interrupted transfer resumes with a Range request', async () => {
  const dest = join(dir, 'flaky.bin');
  const r = await downloadFile({ url: `${base}/flaky`, dest, sha256: SHA, retryDelayMs: 10 });
  assert.equal(r.resumed, true);
  assert.ok(readFileSync(dest).equals(BODY));
  assert.deepEqual(rangesFor('/flaky'), [undefined, `bytes=${CUT}-`]);
});

test('a .part left by an earlier run is resumed, not downloaded again', async () => {
  const dest = join(dir, 'left.bin');
  writeFileSync(`${dest}.part`, BODY.subarray(0, 200_000));
  const before = rangesFor('/file').length;
  const r = await downloadFile({ url: `${base}/file`, dest, sha256: SHA });
  assert.equal(r.resumed, true);
  assert.ok(readFileSync(dest).equals(BODY));
  assert.deepEqual(rangesFor('/file').slice(before), ['bytes=200000-']);
});

test('a .part that is already whole (416 on resume) is verified and used', async () => {
  const dest = join(dir, 'whole.bin');
  writeFileSync(`${dest}.part`, BODY);
  const r = await downloadFile({ url: `${base}/file`, dest, sha256: SHA });
  assert.equal(r.bytes, SIZE);
  assert.ok(readFileSync(dest).equals(BODY));
});

test('a server that ignores Range: the .part is rewritten from the start', async () => {
  const dest = join(dir, 'norange.bin');
  writeFileSync(`${dest}.part`, Buffer.alloc(5000, 0xee)); // stale bytes that must not survive
  const r = await downloadFile({ url: `${base}/norange`, dest, sha256: SHA });
  assert.equal(r.resumed, false);
  assert.ok(readFileSync(dest).equals(BODY));
  assert.deepEqual(rangesFor('/norange'), ['bytes=5000-']);
});

test('dropped, then the server ignores Range on the retry: still a correct file', async () => {
  const dest = join(dir, 'flaky-norange.bin');
  await downloadFile({ url: `${base}/flaky-norange`, dest, sha256: SHA, retryDelayMs: 10 });
  assert.ok(readFileSync(dest).equals(BODY));
  assert.deepEqual(rangesFor('/flaky-norange'), [undefined, `bytes=${CUT}-`]);
});

test('a corrupt download is refused, its .part deleted, nothing installed', async () => {
  const dest = join(dir, 'corrupt.bin');
  await assert.rejects(downloadFile({ url: `${base}/corrupt`, dest, sha256: SHA }), (err: unknown) => {
    assert.ok(err instanceof CandorError);
    assert.equal(err.code, 'MODEL_CORRUPT');
    assert.match(err.message, new RegExp(`^the download of ${base}/corrupt is corrupt: 300000 bytes with sha256 [0-9a-f]{64}, expected sha256 ${SHA}; the partial file was deleted$`));
    return true;
  });
  assert.equal(existsSync(dest), false);
  assert.equal(existsSync(`${dest}.part`), false);
});

test('a wrong size is refused too', async () => {
  const dest = join(dir, 'size.bin');
  await assert.rejects(downloadFile({ url: `${base}/file`, dest, sha256: SHA, size: SIZE + 1 }), (e: unknown) => e instanceof CandorError && e.code === 'MODEL_CORRUPT');
  assert.equal(existsSync(`${dest}.part`), false);
});

test('a 404 is MODEL_MISSING with the status, and no retry', async () => {
  const dest = join(dir, 'missing.bin');
  await assert.rejects(downloadFile({ url: `${base}/nope`, dest, sha256: SHA, retryDelayMs: 10 }), (err: unknown) => {
    assert.ok(err instanceof CandorError);
    assert.equal(err.code, 'MODEL_MISSING');
    assert.equal(err.message, `cannot download ${base}/nope: the server answered HTTP 404`);
    return true;
  });
  assert.equal(rangesFor('/nope').length, 1);
  assert.equal(existsSync(dest), false);
});

test('redirects are followed', async () => {
  const dest = join(dir, 'redirect.bin');
  const r = await downloadFile({ url: `${base}/redirect`, dest, sha256: SHA });
  assert.equal(r.sha256, SHA);
});

test('issue 14 #15: a redirect to another host or scheme is refused with a clear error, nothing written', async () => {
  for (const p of ['/redirect-other-host', '/redirect-other-scheme']) {
    const dest = join(dir, `refused${p.replace(/\//g, '-')}.bin`);
    await assert.rejects(downloadFile({ url: `${base}${p}`, dest, sha256: SHA, retryDelayMs: 5 }),
      (e: unknown) => e instanceof CandorError && /refused a redirect/.test(e.message));
    assert.equal(existsSync(dest), false);
  }
});

test('giving up after the retries keeps the .part for next time and says so', async () => {
  const dest = join(dir, 'drops.bin');
  await assert.rejects(downloadFile({ url: `${base}/always-drops`, dest, sha256: SHA, retries: 2, retryDelayMs: 5 }), (err: unknown) => {
    assert.ok(err instanceof CandorError);
    assert.equal(err.code, 'MODEL_MISSING');
    assert.match(err.hint ?? '', /resumes from the 30 bytes already in .*drops\.bin\.part/);
    return true;
  });
  assert.equal(rangesFor('/always-drops').length, 3);
});

test('no expected hash (trust on first download): the hash seen is returned', async () => {
  const dest = join(dir, 'tofu.bin');
  const r = await downloadFile({ url: `${base}/file`, dest, sha256: null });
  assert.equal(r.sha256, SHA);
});
