// `npm start`: the desktop app where there is a display and an Electron
// binary; otherwise `candor analyze` on the sample call shipped in
// resources/, so that a newcomer on a server still sees Candor work.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const require = createRequire(import.meta.url);
const hasDisplay = process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);

function electronBinary() {
  try {
    const p = require('electron');
    return typeof p === 'string' && existsSync(p) ? p : null;
  } catch {
    return null;
  }
}

const run = (cmd, args) => spawnSync(cmd, args, { cwd: root, stdio: 'inherit' }).status ?? 1;

if (hasDisplay && electronBinary()) {
  process.exit(run('npx', ['electron-vite', 'preview']));
}
const why = hasDisplay ? 'the Electron binary is not installed' : 'there is no display';
console.error(`Candor: ${why}, so here is \`candor analyze\` on the sample call in resources/samples/.\n`);
process.exit(run(process.execPath, [join(root, 'scripts/candor.mjs'), 'analyze', join(root, 'resources/samples/sample-call.flac')]));
