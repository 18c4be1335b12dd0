// app://candor/call-audio/<id>: only the engine's file for that call, with
// byte ranges for seeking, and 404 for anything else.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import { callAudioId, MAX_CHUNK, parseRange, serveCallAudio } from '../../src-main/app/call-audio';
import { registerAppProtocol } from '../../src-main/app/protocol';
import { tempDir } from '../support/tmp';

const dir = tempDir('candor-call-audio-');
const wav = join(dir, 'call-7.wav');
const bytes = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 256));
writeFileSync(wav, bytes);
const lookup = async (id: number): Promise<string | null> => (id === 7 ? wav : id === 8 ? join(dir, 'notes.txt') : null);

test('the path names a call id and nothing else', () => {
  assert.equal(callAudioId('/call-audio/7'), 7);
  for (const bad of ['/call-audio/', '/call-audio/0', '/call-audio/07', '/call-audio/7.wav', '/call-audio/../x', '/call-audio/-1', '/hud.html', '/call-audio/99999999999999999'])
    assert.equal(callAudioId(bad), null, bad);
});

test('ranges: explicit, open-ended (capped), suffix, and unsatisfiable', () => {
  assert.deepEqual(parseRange(null, 1000), null);
  assert.deepEqual(parseRange('bytes=10-19', 1000), [10, 19]);
  assert.deepEqual(parseRange('bytes=990-2000', 1000), [990, 999]);
  assert.deepEqual(parseRange('bytes=-100', 1000), [900, 999]);
  assert.deepEqual(parseRange('bytes=0-', 100 * MAX_CHUNK), [0, MAX_CHUNK - 1]);
  for (const bad of ['bytes=1000-', 'bytes=5-2', 'bytes=-', 'items=0-1', 'bytes=0-1,5-6']) assert.equal(parseRange(bad, 1000), 'bad', bad);
});

test('serves the call’s file whole or by range, with the CSP', async () => {
  const whole = await serveCallAudio(7, null, lookup);
  assert.equal(whole.status, 200);
  assert.equal(whole.headers.get('content-type'), 'audio/wav');
  assert.equal(whole.headers.get('accept-ranges'), 'bytes');
  assert.ok(whole.headers.get('content-security-policy'));
  assert.deepEqual(Buffer.from(await whole.arrayBuffer()), bytes);
  const part = await serveCallAudio(7, 'bytes=100-199', lookup);
  assert.equal(part.status, 206);
  assert.equal(part.headers.get('content-range'), 'bytes 100-199/1000');
  assert.deepEqual(Buffer.from(await part.arrayBuffer()), bytes.subarray(100, 200));
  assert.equal((await serveCallAudio(7, 'bytes=5000-', lookup)).status, 416);
});

test('no audio, a missing file, a non-audio file or a failing lookup: 404', async () => {
  assert.equal((await serveCallAudio(9, null, lookup)).status, 404);
  assert.equal((await serveCallAudio(8, null, lookup)).status, 404);
  assert.equal((await serveCallAudio(7, null, async () => join(dir, 'gone.wav'))).status, 404);
  assert.equal((await serveCallAudio(7, null, async () => { throw new Error('CALL_NOT_FOUND'); })).status, 404);
});

test('the app protocol routes call-audio to the engine’s file', async () => {
  let handler: ((r: { url: string; headers?: { get(n: string): string | null } }) => Promise<Response> | Response) | null = null;
  registerAppProtocol({ handle: (_s, h) => { handler = h; } }, dir, lookup);
  const r = await handler!({ url: 'app://candor/call-audio/7', headers: new Headers({ range: 'bytes=0-9' }) });
  assert.equal(r.status, 206);
  assert.deepEqual(Buffer.from(await r.arrayBuffer()), bytes.subarray(0, 10));
  assert.equal((await handler!({ url: 'app://evil/call-audio/7' })).status, 404);
});
