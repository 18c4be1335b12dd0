import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINE_METHODS, type EngineApi, type EngineEvents } from '../../src-main/contract/engine-api';
import { CandorError } from '../../src-main/contract/errors';
import { checkRequest, createRpcClient, serve, type RpcEndpoint, type WireMessage } from '../../src-main/contract/rpc';

/** Two endpoints joined back to back, with structured cloning like a MessagePort. */
function pair(): [RpcEndpoint, RpcEndpoint, WireMessage[]] {
  let a: ((d: unknown) => void) | null = null;
  let b: ((d: unknown) => void) | null = null;
  const toServer: WireMessage[] = [];
  const left: RpcEndpoint = { post: (m) => { toServer.push(m); const c = structuredClone(m); queueMicrotask(() => b?.(c)); }, onMessage: (cb) => { a = cb; } };
  const right: RpcEndpoint = { post: (m) => { const c = structuredClone(m); queueMicrotask(() => a?.(c)); }, onMessage: (cb) => { b = cb; } };
  return [left, right, toServer];
}

const tick = () => new Promise((r) => setTimeout(r, 5));

test('checkRequest: envelope, method, role, then payload', () => {
  const m = ENGINE_METHODS as unknown as Parameters<typeof checkRequest>[1];
  const bad = (data: unknown, role: 'window' | 'main' = 'window') => {
    const r = checkRequest(data, m, role);
    assert.equal(r.ok, false);
    return r.ok ? null : r.error;
  };
  assert.equal(bad('hello')?.message, 'a message to the engine must be an object');
  assert.equal(bad({ t: 'evt', e: 'onSnapshot' })?.message, 'unknown message type "evt"');
  assert.equal(bad({ t: 'req', m: 'listCalls' })?.message, 'a request needs a non-negative integer id');
  assert.equal(bad({ t: 'req', id: 1, m: 'constructor' })?.message, 'unknown method "constructor"');
  assert.equal(bad({ t: 'req', id: 1, m: 'exportToFile', p: { ids: 'all', format: 'json', path: '/tmp/x' } })?.message,
    'method exportToFile may not be called from a window');
  assert.equal(bad({ t: 'req', id: 1, m: 'pushAudio', p: { side: 'me', pcm: new Float32Array(4) } })?.message,
    'method pushAudio must be sent as a one-way message');
  assert.equal(bad({ t: 'send', id: 1, m: 'listCalls' })?.message, 'method listCalls must be sent as a request');
  const e = bad({ t: 'req', id: 1, m: 'getCall', p: { id: 'x' } });
  assert.equal(e?.code, 'BAD_ARGUMENT');
  for (const code of ['hello', { t: 'req', id: 1, m: 'constructor' }]) assert.equal(bad(code)?.code, 'IPC_INVALID');
  const ok = checkRequest({ t: 'req', id: 7, m: 'exportToFile', p: { ids: [1], format: 'json', path: '/tmp/x' } }, m, 'main');
  assert.ok(ok.ok);
  assert.equal(ok.ok && ok.id, 7);
});

test('client and server: calls, events, errors with codes, refusals', async () => {
  const [clientEnd, serverEnd, sent] = pair();
  const calls: [string, unknown][] = [];
  const refused: string[] = [];
  const conn = serve(serverEnd, {
    methods: ENGINE_METHODS as never,
    role: 'window',
    onRefused: (err) => refused.push(err.message),
    async call(method, payload) {
      calls.push([method, payload]);
      if (method === 'getCall') throw new CandorError('CALL_NOT_FOUND', 'there is no call 9', 'List the calls.');
      if (method === 'listCalls') return [{ id: 1 }];
      return undefined;
    },
  });
  const client = createRpcClient<EngineApi, EngineEvents>(ENGINE_METHODS);
  const early = client.api.listCalls({ limit: 5 }); // queued until a port is attached
  client.attach(clientEnd);
  assert.deepEqual(await early, [{ id: 1 }]);

  await assert.rejects(client.api.getCall({ id: 9 }), (err: unknown) => {
    assert.ok(err instanceof CandorError);
    assert.equal(err.code, 'CALL_NOT_FOUND');
    assert.equal(err.message, 'getCall: there is no call 9');
    assert.equal(err.hint, 'List the calls.');
    return true;
  });

  // The client validates too: a bad payload never leaves.
  const before = sent.length;
  await assert.rejects(client.api.getCall({ id: -1 }), /Expected an integer between 1/);
  assert.equal(sent.length, before);

  // A forged message straight onto the port is refused by the server.
  clientEnd.post({ t: 'req', id: 99, m: 'exportToFile', p: { ids: 'all', format: 'json', path: '/etc/x' } });
  clientEnd.post({ t: 'req', id: 100, m: 'getCall', p: { id: 'DROP TABLE' } } as WireMessage);
  await tick();
  assert.deepEqual(refused, ['method exportToFile may not be called from a window',
    'Expected an integer between 1 and 9007199254740991 for getCall.id but received "DROP TABLE"']);
  assert.ok(!calls.some(([m]) => m === 'exportToFile'));

  // One-way messages get no reply.
  await client.api.pushAudio({ side: 'them', pcm: new Float32Array([0.5, -0.5]) });
  await tick();
  const push = calls.find(([m]) => m === 'pushAudio');
  assert.ok(push);
  assert.ok((push[1] as { pcm: unknown }).pcm instanceof Float32Array);

  const got: unknown[] = [];
  const off = client.on('onNudge', (n) => got.push(n.kind));
  conn.emit('onNudge', { kind: 'slow-down' });
  await tick();
  off();
  conn.emit('onNudge', { kind: 'let-them-talk' });
  await tick();
  assert.deepEqual(got, ['slow-down']);
});

test('detach fails pending calls with a message that says what to do', async () => {
  const client = createRpcClient<EngineApi, EngineEvents>(ENGINE_METHODS);
  client.attach({ post() {}, onMessage() {} });
  const p = client.api.status();
  client.detach();
  await assert.rejects(p, /status: the engine went away/);
});
