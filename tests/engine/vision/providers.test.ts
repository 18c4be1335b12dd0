import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CandorError } from '../../../src-main/contract/errors';
import { availableProviders, createSession, preferredProviders } from '../../../src-main/engine/runtime/providers';
import { assertPresent, skipUnlessPresent } from '../../support/shared-data';
import { YUNET_MODELS } from './fixtures';

const model = `${process.env.CANDOR_MODELS_DIR}/yunet_n_320_320.onnx`;

describe('execution providers', () => {
  test('preference order per platform', () => {
    assert.deepEqual(preferredProviders('linux'), ['cuda', 'cpu']);
    assert.deepEqual(preferredProviders('win32'), ['cuda', 'dml', 'cpu']);
    assert.deepEqual(preferredProviders('darwin'), ['coreml', 'cpu']);
    assert.deepEqual(preferredProviders('freebsd'), ['cpu']);
  });

  test('CPU is always available; every unavailable provider says why', () => {
    const list = availableProviders();
    assert.deepEqual(list.at(-1), { name: 'cpu', available: true });
    for (const p of list) if (!p.available) assert.ok((p.reason ?? '').length > 10, `${p.name}: ${p.reason}`);
    const other = availableProviders(process.platform === 'darwin' ? 'win32' : 'darwin');
    assert.ok(other.filter((p) => p.name !== 'cpu').every((p) => !p.available && /not on/.test(p.reason ?? '')));
  });

  test('falls back to CPU here, recording why each accelerator was skipped', { skip: skipUnlessPresent(YUNET_MODELS) }, async () => {
    assertPresent(YUNET_MODELS);
    const r = await createSession(model);
    assert.ok(['cpu', 'cuda', 'dml', 'coreml'].includes(r.provider));
    assert.deepEqual(r.session.inputNames, ['input']);
    const tried = preferredProviders();
    assert.deepEqual(r.fallbackReasons.map((f) => f.provider), tried.slice(0, tried.indexOf(r.provider)));
    if (r.provider === 'cpu' && process.platform === 'linux') assert.equal(r.fallbackReasons[0].provider, 'cuda');
    await r.session.release();
  });

  test('CANDOR_PROVIDER=cpu skips the probing', { skip: skipUnlessPresent(YUNET_MODELS) }, async () => {
    assertPresent(YUNET_MODELS);
    const r = await createSession(model, { env: { CANDOR_PROVIDER: 'cpu' } });
    assert.equal(r.provider, 'cpu');
    assert.deepEqual(r.fallbackReasons, []);
    await r.session.release();
  });

  test('a missing or broken model is a CandorError', async () => {
    await assert.rejects(createSession('/nonexistent/model.onnx'), (e: unknown) => e instanceof CandorError && e.code === 'MODEL_MISSING');
    await assert.rejects(createSession(new URL(import.meta.url).pathname, { env: { CANDOR_PROVIDER: 'cpu' } }),
      (e: unknown) => e instanceof CandorError && e.code === 'MODEL_CORRUPT');
  });
});
