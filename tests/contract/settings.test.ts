import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applySettingsPatch, defaultSettings, settingsFromStored, validateSettingsPatch } from '../../src-main/contract/settings';

test('defaults keep audio off, nudges on, consent not given', () => {
  const d = defaultSettings();
  assert.equal(d.keepAudio, false);
  assert.equal(d.consent.accepted, false);
  assert.deepEqual(d.nudges, { paused: false, muted: [] });
  assert.equal(d.retentionDays, 0);
});

test('a patch changes only what it names; consent is stamped once', () => {
  const d = defaultSettings();
  const t1 = new Date('2025-03-01T10:00:00Z');
  const s1 = applySettingsPatch(d, validateSettingsPatch({ consent: { accepted: true }, hud: { x: 10 } }), t1);
  assert.deepEqual(s1.consent, { accepted: true, at: t1.toISOString() });
  assert.deepEqual(s1.hud, { x: 10, y: null, clickThrough: false });
  const s2 = applySettingsPatch(s1, validateSettingsPatch({ consent: { accepted: true } }), new Date('2026-01-01T00:00:00Z'));
  assert.equal(s2.consent.at, t1.toISOString());
  assert.deepEqual(d, defaultSettings(), 'the input is not mutated');
  const s3 = applySettingsPatch(s2, validateSettingsPatch({ consent: { accepted: false } }));
  assert.deepEqual(s3.consent, { accepted: false, at: null });
});

test('muted kinds are de-duplicated', () => {
  assert.deepEqual(validateSettingsPatch({ nudges: { muted: ['slow-down', 'slow-down'] } }), { nudges: { muted: ['slow-down'] } });
});

test('stored settings are read leniently', () => {
  const s = settingsFromStored({ retentionDays: 'forever', keepAudio: true, consent: { accepted: true, at: '2025-01-01T00:00:00.000Z' }, bogus: 1, nudges: { muted: ['nope'] } });
  assert.equal(s.retentionDays, 0);
  assert.equal(s.keepAudio, true);
  assert.deepEqual(s.consent, { accepted: true, at: '2025-01-01T00:00:00.000Z' });
  assert.deepEqual(s.nudges, { paused: false, muted: [] });
});

test('call detection and the remembered "me" names are validated', () => {
  const d = defaultSettings();
  assert.deepEqual(d.callDetection, { notice: true, autoStart: false });
  assert.deepEqual(d.meNames, []);
  const s = applySettingsPatch(d, validateSettingsPatch({ callDetection: { autoStart: true }, meNames: ['Ana Lopez'] }));
  assert.deepEqual(s.callDetection, { notice: true, autoStart: true });
  assert.deepEqual(s.meNames, ['Ana Lopez']);
  assert.throws(() => validateSettingsPatch({ callDetection: { autoStart: 'yes' } }), /settings.callDetection.autoStart/);
  assert.throws(() => validateSettingsPatch({ meNames: Array(51).fill('x') }), /at most 50 names/);
  assert.throws(() => validateSettingsPatch({ meNames: [''] }), /settings.meNames\[0\]/);
});
