// `npm run verify:asr` without a model fails clearly, naming the way out.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import test from 'node:test';
import { ROOT } from '../../support/cli';
import { tempDir } from '../../support/tmp';

test('no model: exit 2 and the install command', () => {
  const home = tempDir();
  const r = spawnSync(join(ROOT, 'node_modules', '.bin', 'tsx'), [join(ROOT, 'scripts', 'verify-asr.ts')], {
    cwd: ROOT, encoding: 'utf8', env: { ...process.env, CANDOR_HOME: home, CANDOR_MODELS_DIR: join(home, 'models') },
  });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /^verify:asr: no speech model to verify\.\n {2}model whisper-tiny\.en is missing/);
  assert.match(r.stderr, /npm run models -- --trust-on-first-download/);
  assert.equal(r.stdout, '');
});
