// Checks the packaging config without packaging (electron-builder needs to
// download Electron, which this machine cannot): the schema as
// electron-builder itself validates it, then what Candor needs of it:
// native code unpacked from the asar, the models folder shipped, the macOS
// usage strings and entitlements, and the Linux/Windows targets. Also checks
// that `electron-vite build` produced every entry point.
// Usage: tsx scripts/check-builder-config.ts [electron-builder.yml]
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { minimatch } from 'minimatch';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util';

const root = resolve(import.meta.dirname, '..');
const file = resolve(root, process.argv[2] ?? 'electron-builder.yml');
const problems: string[] = [];
const ok: string[] = [];
const check = (cond: unknown, what: string): void => void (cond ? ok.push(what) : problems.push(what));

type Cfg = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
let cfg: Cfg = {};

// 1. loaded and validated the way electron-builder itself does it
try {
  const full = await getConfig(root, file, null);
  cfg = full as Cfg;
  await validateConfiguration(full, new DebugLogger(false));
  ok.push('electron-builder accepts the configuration (schema)');
} catch (err) {
  problems.push(`electron-builder rejects the configuration: ${(err as Error).message}`);
}

// 2. native code outside the asar
const unpack: string[] = cfg.asarUnpack ?? [];
const unpacked = (p: string): boolean => unpack.some((g) => minimatch(p, g, { dot: true }));
check(cfg.asar !== false, 'the app is packed into an asar archive');
for (const p of [
  'native/build/Release/candor.node',
  'node_modules/better-sqlite3/build/Release/better_sqlite3.node',
  'node_modules/onnxruntime-node/bin/napi-v6/linux/x64/onnxruntime_binding.node',
  'node_modules/onnxruntime-node/bin/napi-v6/linux/x64/libonnxruntime.so.1',
  'node_modules/onnxruntime-node/bin/napi-v6/darwin/arm64/libonnxruntime.1.dylib',
  'node_modules/onnxruntime-node/bin/napi-v6/win32/x64/onnxruntime.dll',
]) check(unpacked(p), `asarUnpack covers ${p}`);
check(unpack.includes('**/*.node'), 'asarUnpack has **/*.node (every native addon)');

// 3. models shipped as resources
const extra: { from: string; to: string }[] = (cfg.extraResources ?? []).map((e: string | { from: string; to?: string }) =>
  typeof e === 'string' ? { from: e, to: e } : { from: e.from, to: e.to ?? e.from });
check(extra.some((e) => e.from.replace(/\/$/, '') === 'models' && e.to.replace(/\/$/, '') === 'models'), 'extraResources ships models/ as resources/models');
for (const e of extra) check(existsSync(join(root, e.from)), `extraResources source exists: ${e.from}`);

// 4. macOS: usage strings and entitlements
const info = cfg.mac?.extendInfo ?? {};
for (const key of ['NSMicrophoneUsageDescription', 'NSScreenCaptureUsageDescription']) {
  check(typeof info[key] === 'string' && info[key].length > 20, `mac.extendInfo.${key} explains why`);
}
const ent = cfg.mac?.entitlements ? join(root, cfg.mac.entitlements) : null;
check(ent && existsSync(ent), 'mac.entitlements file exists');
if (ent && existsSync(ent)) {
  const plist = readFileSync(ent, 'utf8');
  check(plist.includes('com.apple.security.device.audio-input'), 'entitlements allow audio input (microphone)');
  check(plist.includes('com.apple.security.cs.allow-jit'), 'entitlements allow the JIT under the hardened runtime');
}
check(cfg.mac?.hardenedRuntime === true, 'mac.hardenedRuntime is on');

// 5. targets
const targets = (t: unknown): string[] => (Array.isArray(t) ? t : t ? [t] : []).map((x) => (typeof x === 'string' ? x : (x as { target: string }).target));
check(targets(cfg.linux?.target).includes('AppImage') && targets(cfg.linux?.target).includes('deb'), 'linux targets AppImage and deb');
check(targets(cfg.win?.target).includes('nsis'), 'win target nsis');
check(existsSync(join(root, cfg.directories?.buildResources ?? 'build', 'icon.png')), 'an app icon (build/icon.png)');

// 6. what electron-vite built
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { main?: string };
for (const f of ['out/main/index.js', 'out/main/engine-host.js', 'out/main/store-worker.js', 'out/main/backup-process.js', 'out/main/fold-thread.js', 'out/main/rewrite-process.js', 'out/main/export-thread.js', 'out/main/vad-worker.js', 'out/main/asr-worker.js', 'out/main/whisper-runner.js', 'out/preload/index.cjs', 'out/renderer/hud.html', 'out/renderer/history.html']) {
  check(existsSync(join(root, f)), `built ${f}`);
}
check(pkg.main === 'out/main/index.js', 'package.json main is out/main/index.js');

for (const line of ok) console.log(`  ok   ${line}`);
for (const line of problems) console.log(`  FAIL ${line}`);
console.log(`${ok.length} passed, ${problems.length} failed`);
process.exit(problems.length ? 1 : 0);
