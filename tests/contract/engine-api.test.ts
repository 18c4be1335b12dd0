import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINE_METHODS, ENGINE_METHOD_NAMES, isEngineMethod } from '../../src-main/contract/engine-api';
import { throwsCandorError } from '../support/candor-error';

const rejects = (fn: () => unknown, message: string): void => throwsCandorError(fn, 'BAD_ARGUMENT', message);

test('every method has a validator and at least one role', () => {
  assert.ok(ENGINE_METHOD_NAMES.length >= 15);
  for (const m of ENGINE_METHOD_NAMES) {
    assert.equal(typeof ENGINE_METHODS[m].validate, 'function', m);
    assert.ok(ENGINE_METHODS[m].roles.length > 0, m);
  }
  assert.ok(isEngineMethod('listCalls'));
  assert.ok(!isEngineMethod('toString'));
  assert.ok(!isEngineMethod('__proto__'));
});

test('methods that write files or stop the engine are for main only', () => {
  assert.deepEqual(ENGINE_METHODS.exportToFile.roles, ['main']);
  assert.deepEqual(ENGINE_METHODS.shutdown.roles, ['main']);
  assert.ok(ENGINE_METHODS.listCalls.roles.includes('window'));
});

test('no-payload methods accept nothing or {} and refuse anything else', () => {
  assert.equal(ENGINE_METHODS.status.validate(undefined), undefined);
  assert.equal(ENGINE_METHODS.status.validate({}), undefined);
  rejects(() => ENGINE_METHODS.status.validate({ x: 1 }), 'Expected no payload for status but received an object');
  rejects(() => ENGINE_METHODS.stopCall.validate('now'), 'Expected no payload for stopCall but received "now"');
});

test('startCall', () => {
  assert.deepEqual(ENGINE_METHODS.startCall.validate(undefined), {});
  assert.deepEqual(ENGINE_METHODS.startCall.validate({ title: 'Acme', capture: 'engine' }), { title: 'Acme', capture: 'engine' });
  assert.deepEqual(ENGINE_METHODS.startCall.validate({ capture: 'push', sampleRate: 48000 }), { capture: 'push', sampleRate: 48000 });
  rejects(() => ENGINE_METHODS.startCall.validate({ capture: 'push' }),
    'Expected an integer between 8000 and 192000 when capture is push for startCall.sampleRate but received undefined');
  rejects(() => ENGINE_METHODS.startCall.validate({ capture: 'mic' }), 'Expected one of engine, push for startCall.capture but received "mic"');
  rejects(() => ENGINE_METHODS.startCall.validate({ title: 'x'.repeat(201) }),
    `Expected a non-empty string of at most 200 characters for startCall.title but received "${'x'.repeat(57)}..."`);
  rejects(() => ENGINE_METHODS.startCall.validate({ file: '/etc/passwd' }),
    'Expected no such key (allowed: title, capture, sampleRate) for startCall.file but received "/etc/passwd"');
});

test('pushAudio takes a Float32Array of one side', () => {
  const pcm = new Float32Array(480);
  assert.deepEqual(ENGINE_METHODS.pushAudio.validate({ side: 'me', pcm }), { side: 'me', pcm });
  assert.equal(ENGINE_METHODS.pushAudio.oneWay, true);
  rejects(() => ENGINE_METHODS.pushAudio.validate({ side: 'me', pcm: [0, 1] }),
    'Expected a Float32Array of 1 to 192000 samples for pushAudio.pcm but received an array of length 2');
  rejects(() => ENGINE_METHODS.pushAudio.validate({ side: 'me', pcm: new Float32Array(192001) }),
    'Expected a Float32Array of 1 to 192000 samples for pushAudio.pcm but received a Float32Array of length 192001');
  rejects(() => ENGINE_METHODS.pushAudio.validate({ side: 'both', pcm }), 'Expected one of me, them for pushAudio.side but received "both"');
});

test('history methods', () => {
  assert.deepEqual(ENGINE_METHODS.listCalls.validate({ limit: 50 }), { limit: 50 });
  rejects(() => ENGINE_METHODS.listCalls.validate({ limit: 0 }), 'Expected an integer between 1 and 5000 for listCalls.limit but received number 0');
  assert.deepEqual(ENGINE_METHODS.searchCalls.validate({ query: '' }), { query: '' });
  rejects(() => ENGINE_METHODS.searchCalls.validate({ query: 5 }),
    'Expected a string of at most 200 characters for searchCalls.query but received number 5');
  assert.deepEqual(ENGINE_METHODS.getCall.validate({ id: 3 }), { id: 3 });
  rejects(() => ENGINE_METHODS.getCall.validate({ id: '3' }), 'Expected an integer between 1 and 9007199254740991 for getCall.id but received "3"');
  rejects(() => ENGINE_METHODS.getCall.validate({ id: 1.5 }), 'Expected an integer between 1 and 9007199254740991 for getCall.id but received number 1.5');
  rejects(() => ENGINE_METHODS.getCall.validate(null), 'Expected an object for getCall but received null');
  assert.deepEqual(ENGINE_METHODS.updateCall.validate({ id: 1, notes: '' }), { id: 1, notes: '' });
  rejects(() => ENGINE_METHODS.updateCall.validate({ id: 1, title: '' }),
    'Expected a non-empty string of at most 200 characters for updateCall.title but received ""');
  assert.deepEqual(ENGINE_METHODS.deleteCalls.validate({ ids: 'all' }), { ids: 'all' });
  assert.deepEqual(ENGINE_METHODS.deleteCalls.validate({ ids: [1, 2] }), { ids: [1, 2] });
  rejects(() => ENGINE_METHODS.deleteCalls.validate({ ids: [] }),
    "Expected 'all' or a non-empty array of at most 10000 call ids for deleteCalls.ids but received an array of length 0");
  rejects(() => ENGINE_METHODS.deleteCalls.validate({ ids: [1, -2] }),
    'Expected an integer between 1 and 9007199254740991 for deleteCalls.ids[1] but received number -2');
  rejects(() => ENGINE_METHODS.deleteCalls.validate({ ids: 'everything' }),
    "Expected 'all' or a non-empty array of at most 10000 call ids for deleteCalls.ids but received \"everything\"");
  assert.deepEqual(ENGINE_METHODS.trends.validate({ weeks: 12 }), { weeks: 12 });
  rejects(() => ENGINE_METHODS.trends.validate({ weeks: 9999 }), 'Expected an integer between 1 and 520 for trends.weeks but received number 9999');
});

test('exportToFile', () => {
  assert.deepEqual(ENGINE_METHODS.exportToFile.validate({ ids: 'all', format: 'csv', path: '/tmp/x.csv' }), { ids: 'all', format: 'csv', path: '/tmp/x.csv' });
  rejects(() => ENGINE_METHODS.exportToFile.validate({ ids: 'all', format: 'xml', path: '/tmp/x' }),
    'Expected one of json, csv for exportToFile.format but received "xml"');
});

test('updateSettings refuses unknown and malformed keys', () => {
  assert.deepEqual(ENGINE_METHODS.updateSettings.validate({ retentionDays: 30, nudges: { muted: ['slow-down'] } }),
    { retentionDays: 30, nudges: { muted: ['slow-down'] } });
  rejects(() => ENGINE_METHODS.updateSettings.validate({ dbPath: '/tmp/x' }),
    'Expected no such key (allowed: consent, retentionDays, keepAudio, nudges, capture, hud, callDetection, meNames) for updateSettings.dbPath but received "/tmp/x"');
  rejects(() => ENGINE_METHODS.updateSettings.validate({ retentionDays: -1 }),
    'Expected an integer between 0 and 3650 for updateSettings.retentionDays but received number -1');
  rejects(() => ENGINE_METHODS.updateSettings.validate({ nudges: { muted: ['be-nice'] } }),
    'Expected one of let-them-talk, slow-down, ask-a-question, pause-before-answering for updateSettings.nudges.muted[0] but received "be-nice"');
  rejects(() => ENGINE_METHODS.updateSettings.validate({ keepAudio: 'yes' }), 'Expected a boolean for updateSettings.keepAudio but received "yes"');
  rejects(() => ENGINE_METHODS.updateSettings.validate({ hud: { x: 1e9 } }),
    'Expected an integer between -100000 and 100000 for updateSettings.hud.x but received number 1000000000');
});

test('adding calls from files: paths only from main, ids and payloads checked', () => {
  assert.deepEqual(ENGINE_METHODS.importCall.roles, ['main']);
  assert.deepEqual(ENGINE_METHODS.transcriptInfo.roles, ['main']);
  assert.ok(ENGINE_METHODS.cancelImport.roles.includes('window'));
  const v = ENGINE_METHODS.importCall.validate;
  assert.deepEqual(v({ importId: 'a-1', transcript: '/x/call.vtt', me: 'Ana' }), { importId: 'a-1', transcript: '/x/call.vtt', me: 'Ana' });
  assert.throws(() => v({ importId: 'a-1' }), { message: 'Expected an audio file, a transcript, or both for importCall.audio but received undefined' });
  assert.throws(() => v({ importId: 'a b', audio: '/x.wav' }), { message: 'Expected 1 to 64 letters, digits or dashes for importCall.importId but received "a b"' });
  assert.throws(() => v({ importId: 'a', audio: '/x\0.wav' }), /without NUL/);
  assert.throws(() => v({ importId: 'a', audio: '/x.wav', db: '/tmp/x' }), /no such key/);
  assert.throws(() => ENGINE_METHODS.cancelImport.validate({}), /cancelImport.importId/);
});
