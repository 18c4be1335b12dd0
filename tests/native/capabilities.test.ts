import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, describe, test } from 'node:test';
import { capabilities, loadedNativePath, setSimdLevel, simdLevel } from '../../native/lib/index';

const caps = capabilities();
after(() => setSimdLevel(caps.best));

function childCaps(simd: string): { active: string; env: string | null } {
  const r = spawnSync(
    process.execPath,
    ['-e', `process.stdout.write(JSON.stringify(require(${JSON.stringify(loadedNativePath())}).capabilities()))`],
    { env: { ...process.env, CANDOR_SIMD: simd }, encoding: 'utf8' },
  );
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

describe('capabilities', () => {
  test('reports the CPU, the available levels (scalar first) and the active one', () => {
    assert.equal(caps.available[0], 'scalar');
    assert.equal(caps.available.at(-1), caps.best);
    assert.ok(caps.available.includes(caps.active));
    if (caps.arch === 'x86') {
      assert.equal(caps.cpu.neon, false);
      assert.equal(caps.available.includes('avx2'), caps.cpu.avx2 && caps.cpu.sse41);
    }
    if (caps.arch === 'arm64') assert.deepEqual(caps.available, caps.cpu.neon ? ['scalar', 'neon'] : ['scalar']);
  });

  test('setSimdLevel selects every available level', () => {
    for (const level of caps.available) {
      assert.equal(setSimdLevel(level), level);
      assert.equal(simdLevel(), level);
    }
  });

  test('setSimdLevel never selects a level the CPU lacks', () => {
    const foreign = caps.arch === 'arm64' ? 'avx2' : 'neon';
    assert.equal(setSimdLevel(foreign), 'scalar');
    if (caps.arch === 'x86' && !caps.cpu.avx2) assert.equal(setSimdLevel('avx2'), caps.best);
    setSimdLevel(caps.best);
  });

  test('setSimdLevel rejects unknown names', () => {
    assert.throws(() => setSimdLevel('mmx' as never), {
      code: 'BAD_ARGUMENT',
      message: 'Expected one of scalar, sse41, avx2, neon for level but received "mmx"',
    });
  });

  test('CANDOR_SIMD forces a lower level at load, never a higher or foreign one', () => {
    assert.deepEqual(childCaps('scalar'), { ...caps, active: 'scalar', env: 'scalar' });
    if (caps.available.includes('sse41')) assert.equal(childCaps('sse41').active, 'sse41');
    assert.equal(childCaps(caps.arch === 'arm64' ? 'avx2' : 'neon').active, 'scalar');
    const bogus = childCaps('fastest');
    assert.equal(bogus.active, caps.best);
    assert.equal(bogus.env, 'fastest');
  });
});
