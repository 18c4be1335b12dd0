// `npm run build`, last step: electron-builder --dir, producing the unpacked
// app in dist/linux-unpacked (asar, asarUnpack, extraResources exactly as
// electron-builder.yml says), and checks its layout.
//
// The Electron binary cannot be downloaded on the build machines, so this
// step hands electron-builder a placeholder Electron distribution (a script
// named `electron` that only says what it is) and skips the native rebuild
// for Electron's ABI. The result is the real app layout, not a runnable app:
// `npm run package` on a machine that can download Electron builds that.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const require = createRequire(import.meta.url);
const asar = require('@electron/asar');
const electronVersion = require('electron/package.json').version;

const fake = mkdtempSync(join(tmpdir(), 'candor-electron-placeholder-'));
try {
  writeFileSync(join(fake, 'electron'), '#!/bin/sh\necho "placeholder for the Electron binary: run npm run package on a machine that can download Electron" >&2\nexit 1\n');
  chmodSync(join(fake, 'electron'), 0o755);
  mkdirSync(join(fake, 'locales'));
  writeFileSync(join(fake, 'locales', 'en-US.pak'), '');
  writeFileSync(join(fake, 'LICENSE'), 'placeholder\n');
  writeFileSync(join(fake, 'LICENSES.chromium.html'), 'placeholder\n');
  rmSync(join(root, 'dist', 'linux-unpacked'), { recursive: true, force: true });
  execFileSync(join(root, 'node_modules', '.bin', 'electron-builder'), [
    '--dir', '--linux', '--config', 'electron-builder.yml',
    `-c.electronDist=${fake}`, `-c.electronVersion=${electronVersion}`, '-c.npmRebuild=false',
  ], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
} finally {
  rmSync(fake, { recursive: true, force: true });
}

const app = join(root, 'dist', 'linux-unpacked');
const res = join(app, 'resources');
const inAsar = new Set(asar.listPackage(join(res, 'app.asar')).map((p) => p.replace(/\\/g, '/')));
const checks = [
  ['the app archive', existsSync(join(res, 'app.asar'))],
  ['main, preload and renderer inside app.asar', ['/out/main/index.js', '/package.json'].every((p) => inAsar.has(p)) && [...inAsar].some((p) => p.startsWith('/out/renderer/'))],
  ['the native addon unpacked', existsSync(join(res, 'app.asar.unpacked', 'native', 'build', 'Release', 'candor_native.node'))],
  ['better-sqlite3 unpacked', existsSync(join(res, 'app.asar.unpacked', 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'))],
  ['onnxruntime-node unpacked', existsSync(join(res, 'app.asar.unpacked', 'node_modules', 'onnxruntime-node', 'bin', 'napi-v6', 'linux', 'x64', 'onnxruntime_binding.node'))],
  ['the model manifest as a resource', existsSync(join(res, 'models', 'manifest.json'))],
  ['the VAD model as a resource', existsSync(join(res, 'models', 'silero_vad_v6.onnx'))],
  ['no test code in the app', ![...inAsar].some((p) => p.startsWith('/tests/') || p.includes('bridge-server'))],
];
let failed = 0;
for (const [what, ok] of checks) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failed++;
}
console.log(`unpacked app: ${app} (placeholder Electron binary; see scripts/pack-unpacked.mjs)`);
process.exit(failed ? 1 : 0);
