// The process boundaries of STYLE.md as a lint rule (`npm run lint:layers`):
//   src-main/contract  pure TS: imports only other contract modules
//   src-main/engine    plain Node: never electron, main or the preload
//   src-main/cli       plain Node: never electron, main or the preload
//   src-main/app       Electron main: the engine only through the contract
//   src-main/preload   only electron and the contract
//   src-renderer       no node, no electron: Vue packages and the contract
// A wrong import fails CI instead of a review.
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const IMPORT_RE = /(?:^|[;\s])(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g;

function files(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...files(p));
    else if (/\.(ts|vue|mts)$/.test(name) && !name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

export function importsOf(root: string, file: string): { spec: string; target: string | null }[] {
  const src = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const out: { spec: string; target: string | null }[] = [];
  for (const m of src.matchAll(IMPORT_RE)) {
    const spec = m[1] ?? m[2] ?? m[3];
    out.push({ spec, target: spec.startsWith('.') ? relative(root, resolve(dirname(file), spec)) : null });
  }
  return out;
}

type Rule = (spec: string, target: string | null) => string | null;

const isElectron = (spec: string): boolean => spec === 'electron' || spec.startsWith('electron/');
const RENDERER_PACKAGES = new Set(['vue', 'pinia', 'chart.js', 'vue-chartjs']);

const noElectronSide: Rule = (spec, target) =>
  isElectron(spec) ? 'electron' : target && /^src-main\/(app|preload)(\/|$)/.test(target) ? 'the Electron side' : null;

export const LAYERS: { dir: string; rule: Rule }[] = [
  { dir: 'src-main/contract', rule: (_s, t) => (t === null ? 'a package or builtin (contract is pure TS)' : t.startsWith('src-main/contract') ? null : 'outside contract') },
  { dir: 'src-main/engine', rule: noElectronSide },
  { dir: 'src-main/cli', rule: noElectronSide },
  { dir: 'src-main/app', rule: (_s, t) => (t && t.startsWith('src-main/engine') ? 'engine code (it runs in the utility process)' : null) },
  {
    dir: 'src-main/preload',
    rule: (s, t) => (t && t.startsWith('src-main/engine') ? 'engine code' : t === null && !isElectron(s) ? 'a package or builtin (a sandboxed preload gets only electron)' : null),
  },
  {
    dir: 'src-renderer',
    rule: (s, t) => {
      if (t === null) return RENDERER_PACKAGES.has(s) ? null : 'not a renderer package';
      return t.startsWith('src-renderer/') || t.startsWith('src-main/contract/') ? null : 'outside the renderer and the contract';
    },
  },
];

export function checkLayers(root: string): string[] {
  const bad: string[] = [];
  for (const { dir, rule } of LAYERS) {
    for (const f of files(join(root, dir))) {
      for (const { spec, target } of importsOf(root, f)) {
        const why = rule(spec, target);
        if (why) bad.push(`${relative(root, f)} imports ${spec}: ${why}`);
      }
    }
  }
  return bad;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const bad = checkLayers(resolve(import.meta.dirname, '..'));
  if (bad.length) {
    console.error(`layer violations (see scripts/check-layers.ts):\n  ${bad.join('\n  ')}`);
    process.exit(1);
  }
  console.log('layers: ok');
}
