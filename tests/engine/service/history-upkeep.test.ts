// The app is told when the work after a delete ends (issue 13): the store's
// thread reports each change of its upkeep (scrub, fresh backup) and the
// engine sends it on as onHistoryUpkeep, ending with idle. Real SQLite file,
// real store thread, real backup copy.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { HistoryUpkeep } from '../../../src-main/contract/history-upkeep';
import { validateHistoryUpkeep } from '../../../src-main/contract/history-upkeep';
import { EngineService } from '../../../src-main/engine/service/engine-service';
import { listBackups } from '../../../src-main/engine/store/backups';
import { CallStore } from '../../../src-main/engine/store/calls-store';
import { openStoreWorker } from '../../../src-main/engine/store/worker/store-client';
import { tempDir } from '../../support/tmp';
import { FILLER, saveCallWith } from '../store/support/history';
import { FakeSession } from './fake-session';

async function waitUntil(what: string, cond: () => boolean, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

test('a delete: onHistoryUpkeep goes from the scrub to the fresh backup and ends with idle', async () => {
  const path = join(tempDir(), 'candor.db');
  const seed = new CallStore(path);
  const ids = Array.from({ length: 6 }, (_, k) => saveCallWith(seed, `Call ${k}`, FILLER.map((l) => `${l} ${k}`)));
  seed.close();
  new CallStore(path).close(); // the open takes the daily backup
  assert.equal(listBackups(path).length, 1);

  const store = await openStoreWorker(path);
  const svc = new EngineService({
    store,
    captureMode: 'engine',
    createCapture: async (req) => ({ sources: [req.capture] }),
    createSession: (req) => new FakeSession(req),
  });
  const seen: HistoryUpkeep[] = [];
  svc.on('onHistoryUpkeep', (s) => seen.push(validateHistoryUpkeep(s)));
  try {
    await waitUntil('the state after the open is known', () => seen.length > 0);
    assert.deepEqual(seen, [{ scrubPending: false, backupRunning: false, idle: true, lastError: null }], 'idle after the open');
    seen.length = 0;

    assert.deepEqual((await svc.status()).historyUpkeep, { scrubPending: false, backupRunning: false, idle: true, lastError: null });
    assert.deepEqual(await svc.deleteCalls({ ids: [ids[2]] }), { deleted: 1 });
    // The thread reports the change before it answers the next request: status() has it at once (a window opened now shows it).
    assert.equal((await svc.status()).historyUpkeep.idle, false);
    await waitUntil('the work after the delete is reported done', () => seen.at(-1)?.idle === true);
    await new Promise((r) => setTimeout(r, 300));

    const busy = seen.slice(0, -1);
    assert.ok(busy.length >= 2, `at least the scrub and the copy were reported (${JSON.stringify(seen)})`);
    assert.ok(busy.every((s) => !s.idle && s.lastError === null));
    assert.equal(busy[0].scrubPending, true, 'first the deleted call is scrubbed from the file');
    const copying = busy.findIndex((s) => s.backupRunning);
    assert.ok(copying > 0, 'then the fresh backup is written');
    assert.ok(busy.slice(copying).every((s) => !s.scrubPending), 'the copy starts only once the scrub is done');
    assert.deepEqual(seen.at(-1), { scrubPending: false, backupRunning: false, idle: true, lastError: null }, 'it ends with idle, and nothing after it');
    for (let i = 1; i < seen.length; i++) assert.notDeepEqual(seen[i], seen[i - 1], 'only changes are sent');
    assert.equal(listBackups(path).length, 1, 'the fresh backup is in place when idle is reported');
    assert.deepEqual((await svc.status()).historyUpkeep, seen.at(-1));
  } finally {
    await svc.shutdown();
  }
});
