import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { CandorError } from '../../src-main/contract/errors';
import { candidatePaths, loadFirst, loadNative, loadedNativePath, NATIVE_FIX_HINT } from '../../native/lib/index';

describe('native loader', () => {
  test('loads the addon and remembers where from', () => {
    assert.equal(typeof loadNative().preprocess, 'function');
    assert.match(loadedNativePath() ?? '', /candor_native\.node$/);
  });

  test('tries the release build, then the unpacked asar copy inside an Electron app', () => {
    const paths = candidatePaths({}, '/opt/Candor/resources');
    assert.equal(paths[0], join('/opt/Candor/resources', 'app.asar.unpacked', 'native', 'build', 'Release', 'candor_native.node'));
    assert.ok(paths.some((p) => p.endsWith(join('native', 'build', 'Release', 'candor_native.node'))));
    assert.ok(paths.some((p) => p.endsWith(join('native', 'build', 'Debug', 'candor_native.node'))));
    assert.equal(new Set(paths).size, paths.length);
  });

  test('CANDOR_NATIVE_PATH is the only path tried when set', () => {
    assert.deepEqual(candidatePaths({ CANDOR_NATIVE_PATH: '/x/asan/candor_native.node' }), ['/x/asan/candor_native.node']);
  });

  test('throws one NATIVE_UNAVAILABLE error listing every failure and the fixes', () => {
    const notAddon = join(mkdtempSync(join(tmpdir(), 'candor-loader-')), 'candor_native.node');
    writeFileSync(notAddon, 'not a shared library'); // exists, but dlopen fails
    let caught: unknown;
    try {
      loadFirst(['/nonexistent/candor_native.node', notAddon]);
    } catch (err) {
      caught = err;
    }
    assert.ok(caught instanceof CandorError);
    assert.equal(caught.code, 'NATIVE_UNAVAILABLE');
    assert.match(caught.message, /^the native addon candor_native could not be loaded; tried:\n/);
    assert.match(caught.message, /- \/nonexistent\/candor_native\.node: not found\n/);
    assert.ok(caught.message.includes(`- ${notAddon}: `));
    assert.equal(caught.hint, NATIVE_FIX_HINT);
    assert.match(caught.hint ?? '', /npm ci/);
    assert.match(caught.hint ?? '', /npm rebuild/);
  });
});
