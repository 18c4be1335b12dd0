// Flow 1 (end to end, real engine): the first-run consent, a call replayed
// from a recording on the HUD (numbers move, a nudge appears), stop, the call
// in the history list, its timeline. Screenshots of every view go to
// artifacts/screenshots/.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { e2e, type E2E } from './support/setup';

let env: E2E;
let history: Page;
let hud: Page;
let callId = 0;

async function until<T>(what: string, fn: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const t0 = Date.now();
  let last: T | undefined;
  while (Date.now() - t0 < timeoutMs) {
    last = await fn();
    if (ok(last)) return last;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(last)})`);
}

before(async () => {
  env = await e2e({ consent: false, seed: true, speed: 4 });
});

after(async () => {
  await env?.close();
});

test('first run: the privacy notice, then the history', { timeout: 60_000 }, async () => {
  history = await env.history();
  await history.getByTestId('accept').waitFor();
  assert.equal(await history.getByRole('navigation').count(), 0, 'nothing else until consent');
  await env.shot(history, 'history-consent', true);
  await history.getByTestId('accept').click();
  await history.getByRole('heading', { name: 'Calls', exact: true }).waitFor();
  assert.equal((await env.bridge.service.getSettings()).consent.accepted, true);
});

test('HUD: a replayed call moves the numbers, a nudge appears, stop saves it', { timeout: 120_000 }, async () => {
  hud = await env.hud();
  await hud.getByTestId('start').waitFor();
  await hud.getByText('needs npm run models').waitFor();
  await env.shot(hud, 'hud-idle');

  await hud.getByTestId('start').click();
  await hud.getByTestId('rec').getByText('REC').waitFor({ timeout: 20_000 });
  const t1 = await until('the call clock', () => hud.locator('.rec-time').textContent(), (v) => v !== null && v !== '0:00');
  const share = await until('a talk share', () => hud.locator('.share-value .big').textContent(), (v) => /^\d+%$/.test(v ?? ''));
  const t2 = await until('the clock to move on', () => hud.locator('.rec-time').textContent(), (v) => v !== t1);
  assert.notEqual(t1, t2);
  assert.match(share ?? '', /^\d+%$/);
  await until('a pace', () => hud.getByTestId('pace').locator('.big').textContent(), (v) => /^\d+$/.test(v ?? ''));

  const nudge = hud.getByTestId('nudge');
  await nudge.waitFor({ timeout: 60_000 });
  const text = await nudge.textContent();
  assert.match(text ?? '', /Let them talk|Slow down|Pause before answering|Ask a question/);
  assert.equal(await nudge.getAttribute('role'), 'status');
  // Well into the call (the interruption is at ~0:50), with a nudge on screen.
  await until('a minute of call', () => hud.locator('.rec-time').textContent(), (v) => /^1:[0-5]\d$/.test(v ?? ''), 40_000);
  assert.ok(Number.parseInt((await hud.locator('.share-value .big').textContent()) ?? '0', 10) > 60, 'talk share above the range');
  await nudge.waitFor({ timeout: 20_000 }); // the next one, a minute after the first
  await env.shot(hud, 'hud-live');
  assert.ok(env.bridge.refused.length === 0, env.bridge.refused.join('; '));

  // Stop (unless the recording already ran out, which stops the call by itself).
  await hud.getByTestId('stop').click({ timeout: 5_000 }).catch(() => undefined);
  await hud.getByTestId('start').waitFor({ timeout: 60_000 });
  const [latest] = env.bridge.store.list({ limit: 1 });
  assert.equal(latest.status, 'complete');
  assert.ok(latest.durationSec > 15, `a real call was saved (${latest.durationSec} s)`);
  assert.ok(latest.talkShare! > 0.6);
  callId = latest.id;
});

test('history: the new call in the list, its timeline, trends and settings', { timeout: 60_000 }, async () => {
  const row = history.getByTestId(`call-${callId}`);
  await row.waitFor({ timeout: 10_000 }); // onCallsChanged refreshed the list
  assert.equal(await history.locator('tbody tr').first().getAttribute('data-testid'), `call-${callId}`, 'newest first');
  assert.ok(await history.getByText('Recovered').count() >= 1, 'the recovered call carries its badge');
  await env.shot(history, 'history-list', true);

  await row.locator('.call-title').click();
  await history.getByTestId('timeline').waitFor();
  const me = await history.locator('rect.seg-me').count();
  const them = await history.locator('rect.seg-them').count();
  assert.ok(me >= 3 && them >= 2, `two lanes (${me} / ${them})`);
  assert.ok(await history.locator('g.intr').count() >= 1, 'the interruption is marked');
  const w1 = Number(await history.getByTestId('timeline').getAttribute('width'));
  await history.getByTestId('zoom-in').click();
  await until('the zoom', async () => Number(await history.getByTestId('timeline').getAttribute('width')), (w) => w > w1 * 1.9);
  await history.getByRole('button', { name: 'Fit' }).click();
  await history.getByTestId('metrics').getByText('Talk share (you)').waitFor();
  await env.shot(history, 'history-call', true);

  await history.getByTestId('nav-trends').click();
  await history.getByTestId('trends').locator('canvas').first().waitFor();
  await history.waitForTimeout(300);
  assert.ok(await history.getByTestId('trends').locator('canvas').count() >= 4);
  await env.shot(history, 'history-trends', true);

  await history.getByTestId('nav-settings').click();
  await history.getByTestId('retention').waitFor();
  await env.shot(history, 'history-settings', true);

  assert.deepEqual(env.browser.problems, [], 'no console error and no CSP violation');
});
