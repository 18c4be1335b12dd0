import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINE_EVENTS } from '../../src-main/contract/engine-api';
import { IDLE_UPKEEP, UPKEEP_ERROR_LENGTH, validateHistoryUpkeep } from '../../src-main/contract/history-upkeep';
import { throwsCandorError } from '../support/candor-error';

const rejects = (v: unknown, message: string): void => throwsCandorError(() => validateHistoryUpkeep(v), 'BAD_ARGUMENT', message);

test('onHistoryUpkeep is one of the engine events', () => {
  assert.ok(ENGINE_EVENTS.includes('onHistoryUpkeep'));
});

test('a well-formed state passes as it is', () => {
  assert.deepEqual(validateHistoryUpkeep({ ...IDLE_UPKEEP }), { scrubPending: false, backupRunning: false, idle: true, lastError: null });
  const failing = { scrubPending: true, backupRunning: false, idle: false, lastError: 'disk I/O error' };
  assert.deepEqual(validateHistoryUpkeep(failing), failing);
  assert.deepEqual(validateHistoryUpkeep({ ...failing, lastError: 'e'.repeat(UPKEEP_ERROR_LENGTH) }).lastError?.length, UPKEEP_ERROR_LENGTH);
});

test('anything else is refused with what was expected', () => {
  rejects(null, 'Expected an object for onHistoryUpkeep but received null');
  rejects({ ...IDLE_UPKEEP, idle: 'yes' }, 'Expected a boolean for onHistoryUpkeep.idle but received "yes"');
  rejects({ ...IDLE_UPKEEP, scrubPending: undefined }, 'Expected a boolean for onHistoryUpkeep.scrubPending but received undefined');
  rejects({ ...IDLE_UPKEEP, lastError: 3 }, 'Expected a non-empty string of at most 2000 characters for onHistoryUpkeep.lastError but received number 3');
  rejects({ ...IDLE_UPKEEP, extra: 1 }, 'Expected no such key (allowed: scrubPending, backupRunning, idle, lastError) for onHistoryUpkeep.extra but received number 1');
  rejects({ ...IDLE_UPKEEP, backupRunning: true }, 'Expected false while a scrub is pending or a backup is running for onHistoryUpkeep.idle but received boolean true');
});
