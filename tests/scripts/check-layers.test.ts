// The layer lint: the real tree passes, and each kind of wrong import fails.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import test from 'node:test';
import { checkLayers, importsOf } from '../../scripts/check-layers';
import { ROOT } from '../support/cli';
import { tempDir } from '../support/tmp';

function tree(files: Record<string, string>): string {
  const root = tempDir();
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, p)), { recursive: true });
    writeFileSync(join(root, p), text);
  }
  return root;
}

test('the repository follows its layers', () => {
  assert.deepEqual(checkLayers(ROOT), []);
});

test('the scanner sees static, type, dynamic and require imports, not comments', () => {
  const root = tree({ 'a.ts': "// import x from 'nope'\nimport a from 'x1';\nimport type { B } from './b';\nconst c = await import('x3');\nrequire('x4');\nexport { d } from 'x5';\n" });
  assert.deepEqual(importsOf(root, join(root, 'a.ts')).map((i) => i.spec), ['x1', './b', 'x3', 'x4', 'x5']);
});

test('each wrong direction is caught', () => {
  const root = tree({
    'src-main/contract/a.ts': "import { readFileSync } from 'node:fs';\n",
    'src-main/engine/b.ts': "import { app } from 'electron';\n",
    'src-main/engine/c.ts': "import { x } from '../app/main';\n",
    'src-main/app/d.ts': "import { CallStore } from '../engine/store/calls-store';\n",
    'src-main/preload/e.ts': "import fs from 'node:fs';\n",
    'src-renderer/f.ts': "import { ipcRenderer } from 'electron';\n",
    'src-renderer/g.ts': "import { x } from '../src-main/engine/live/live-session';\n",
    'src-renderer/ok.ts': "import { ref } from 'vue';\nimport type { CallSummary } from '../src-main/contract/calls';\n",
  });
  const bad = checkLayers(root).map((l) => l.split(' imports ')[0]);
  assert.deepEqual(bad.sort(), [
    'src-main/app/d.ts', 'src-main/contract/a.ts', 'src-main/engine/b.ts', 'src-main/engine/c.ts',
    'src-main/preload/e.ts', 'src-renderer/f.ts', 'src-renderer/g.ts',
  ]);
});
