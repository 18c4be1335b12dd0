// The process boundaries of STYLE.md as a checked rule: contract is pure TS,
// the engine never touches electron, main and the preload see the engine
// only through the contract, and the renderer sees neither node nor electron.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..', '..');
const IMPORT_RE = /(?:^|[;\s])(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g;

function files(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...files(p));
    else if (/\.(ts|vue|mts)$/.test(name) && !name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

export function importsOf(file: string): { spec: string; target: string | null }[] {
  const src = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const out: { spec: string; target: string | null }[] = [];
  for (const m of src.matchAll(IMPORT_RE)) {
    const spec = m[1] ?? m[2] ?? m[3];
    out.push({ spec, target: spec.startsWith('.') ? relative(ROOT, resolve(dirname(file), spec)) : null });
  }
  return out;
}

type Rule = (spec: string, target: string | null) => string | null;

function check(dir: string, rule: Rule): string[] {
  const bad: string[] = [];
  for (const f of files(join(ROOT, dir))) {
    for (const { spec, target } of importsOf(f)) {
      const why = rule(spec, target);
      if (why) bad.push(`${relative(ROOT, f)} imports ${spec}: ${why}`);
    }
  }
  return bad;
}

test('the import scanner sees static, dynamic, type and require imports', () => {
  const sample = join(ROOT, 'tests/app/layers.test.ts');
  assert.ok(importsOf(sample).some((i) => i.spec === 'node:fs'));
});

test('contract is pure TS: it imports only other contract modules', () => {
  assert.deepEqual(check('src-main/contract', (spec, target) =>
    target === null ? 'a package or builtin' : target.startsWith('src-main/contract') ? null : 'outside contract'), []);
});

test('the engine never imports electron, main or the preload', () => {
  assert.deepEqual(check('src-main/engine', (spec, target) =>
    spec === 'electron' || spec.startsWith('electron/') ? 'electron' :
    target && /^src-main\/(app|preload)\//.test(target) ? 'the Electron side' : null), []);
});

test('main and the preload reach the engine only through the contract', () => {
  const rule: Rule = (_spec, target) => (target && target.startsWith('src-main/engine') ? 'engine code (it runs in the utility process)' : null);
  assert.deepEqual(check('src-main/app', rule), []);
  assert.deepEqual(check('src-main/preload', (spec, target) =>
    rule(spec, target) ?? (target === null && spec !== 'electron' ? 'a package or builtin (a sandboxed preload gets only electron)' : null)), []);
});

test('the renderer sees neither node nor electron, and only the contract of src-main', () => {
  const allowedPackages = new Set(['vue', 'pinia', 'chart.js', 'vue-chartjs']);
  assert.deepEqual(check('src-renderer', (spec, target) => {
    if (target === null) return allowedPackages.has(spec) ? null : 'not a renderer package';
    if (target.startsWith('src-renderer/') || target.startsWith('src-main/contract/')) return null;
    return 'outside the renderer and the contract';
  }), []);
});
