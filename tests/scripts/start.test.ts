// The README's first line ends in `npm start`. Without a display it runs
// `candor analyze` on the shipped sample call and prints the report.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import test from 'node:test';
import { ROOT } from '../support/cli';
import { tempDir } from '../support/tmp';

test('npm start without a display analyses the shipped sample call', () => {
  const home = tempDir();
  const env = { ...process.env, DISPLAY: '', WAYLAND_DISPLAY: '', CANDOR_HOME: home, CANDOR_MODELS_DIR: join(home, 'no-models') };
  const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'start.mjs')], { cwd: ROOT, env, encoding: 'utf8', timeout: 120_000 });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /there is no display, so here is `candor analyze` on the sample call/);
  assert.match(r.stdout, /Candor report: .*resources\/samples\/sample-call\.flac/);
  assert.match(r.stdout, /Talk share \(me\)\s+8\d%/, 'the VAD model shipped in the npm package was used');
  assert.match(r.stdout, /need a transcript: run `npm run models`/);
});
