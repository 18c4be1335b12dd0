// Starts a Node process on a module next to the caller (found with
// workerModuleUrl: `name.js` in a built app, `name.ts` under tsx), for work
// that must be stoppable at any moment. A worker thread cannot be: one
// inside a long native call (SQLite's VACUUM INTO) is only stopped when the
// call returns, and even process.exit waits for it. A .ts module gets tsx's
// loader; inside Electron the binary runs as plain Node (ELECTRON_RUN_AS_NODE,
// as child_process.fork does there).
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export function spawnNode(url: URL, args: string[], opts: SpawnOptions = {}): ChildProcess {
  const loader = url.pathname.endsWith('.ts') ? ['--import', import.meta.resolve('tsx')] : [];
  const electron = process.versions.electron ? { ELECTRON_RUN_AS_NODE: '1' } : {};
  return spawn(process.execPath, [...loader, fileURLToPath(url), ...args], {
    windowsHide: true,
    ...opts,
    env: { ...(opts.env ?? process.env), ...electron },
  });
}
