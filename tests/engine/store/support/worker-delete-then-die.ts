// Child process for the kill-during-backup test: deletes a call through the
// store's thread, as the app does, and dies (SIGKILL) the moment that
// thread's fresh backup copy appears in the backups folder.
import { readdirSync } from 'node:fs';
import { backupFolder } from '../../../../src-main/engine/store/backups';
import { openStoreWorker } from '../../../../src-main/engine/store/worker/store-client';

const [path, id] = process.argv.slice(2);
const store = await openStoreWorker(path);
await store.deleteCalls([Number(id)]);
const part = `.part-${process.pid}`;
for (;;) {
  if (readdirSync(backupFolder(path)).some((n) => n.endsWith(part))) process.kill(process.pid, 'SIGKILL');
  await new Promise((r) => setTimeout(r, 1));
}
