// Flow 3 (end to end, real engine and SQLite file): a Zoom-style VTT with
// three speakers is imported with `candor analyze --transcript --save --json`
// into the app's database; the call page must show what that JSON says:
// every language figure, the next steps, the moments, the participants, and
// the transcript with its marks. Trends gain the language charts. A 2-hour
// transcript stays complete and virtualised. Screenshots go to
// artifacts/screenshots/.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { AnalysisReport } from '../../src-main/contract/report';
import { candor, ROOT } from '../support/cli';
import { assertFiguresShown, assertParticipantsShown, mmss } from './support/call-page';
import { sampleCall } from './support/sample-call';
import { e2e, type E2E } from './support/setup';

let env: E2E;
let page: Page;
let report: AnalysisReport & { callId: number };

const VTT = join(ROOT, 'tests/renderer/history/fixtures/review-call.vtt');

function importTranscript(file: string, title: string): AnalysisReport & { callId: number } {
  const r = candor(['analyze', '--transcript', file, '--me', 'Ana Lopez', '--save', '--json', '--db', env.bridge.store.path, '--title', title]);
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout) as AnalysisReport & { callId: number };
}

const text = async (testId: string): Promise<string> => ((await page.getByTestId(testId).textContent()) ?? '').replace(/\s+/g, ' ').trim();

async function until(what: string, ok: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const t0 = Date.now();
  while (!(await ok())) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

before(async () => {
  env = await e2e({ consent: true, seed: true });
  report = importTranscript(VTT, 'Globex pricing review');
  page = await env.history();
  await page.getByRole('heading', { name: 'Calls', exact: true }).waitFor();
});

after(async () => {
  await env?.close();
});

test('the call page shows every language figure of the engine’s JSON', { timeout: 60_000 }, async () => {
  await page.getByTestId(`call-${report.callId}`).locator('.call-title').click();
  await page.getByTestId('timeline').waitFor();
  await assertFiguresShown(page, report);
  assert.equal(await text('timing-source'), 'Timing from the transcript’s cue times');
  await env.shot(page, 'call-review', true);
});

test('participants: one row per speaker with the engine’s figures', { timeout: 30_000 }, async () => {
  await assertParticipantsShown(page, report);
  const card = page.getByRole('region', { name: 'Participants' });
  await card.scrollIntoViewIfNeeded();
  await card.screenshot({ path: join(ROOT, 'artifacts', 'screenshots', 'call-participants.png') });
});

test('moments: a marker each, with kind, change and the words said before; a click scrolls the transcript there', { timeout: 30_000 }, async () => {
  const moments = report.metrics.moments!;
  assert.ok(moments.length >= 4);
  assert.equal(await page.locator('[data-testid^="moment-"][aria-expanded]').count(), moments.length);
  for (const [i, mo] of moments.entries()) {
    await page.getByTestId(`moment-${i}`).click();
    const pop = ((await page.getByTestId('moment-pop').textContent()) ?? '').replace(/\s+/g, ' ');
    const kind = { 'engagement-up': 'Engagement up', 'engagement-down': 'Engagement down', 'sentiment-up': 'Sentiment up', 'sentiment-down': 'Sentiment down' }[mo.kind];
    const change = `${mo.delta < 0 ? '−' : '+'}${Number.isInteger(mo.delta) ? Math.abs(mo.delta) : Math.abs(mo.delta).toFixed(1)} points`;
    assert.ok(pop.includes(kind), `${pop} names ${kind}`);
    assert.ok(pop.includes(change), `${pop} says ${change}`);
    assert.ok(pop.includes(`at ${mmss(mo.at)}`), `${pop} is at ${mmss(mo.at)}`);
    assert.ok(pop.includes(mo.before.replace(/\s+/g, ' ')), `${pop} quotes the words before`);
    // The transcript moved to the line being said at the moment.
    const expected = report.utterances!.filter((u) => u.start <= mo.at).length - 1;
    await until(`line ${expected} active`, async () => (await page.getByTestId(`line-${expected}`).getAttribute('class'))?.includes('active') ?? false);
    assert.ok(await page.getByTestId(`line-${expected}`).isVisible());
  }
  const drop = moments.findIndex((mo) => mo.kind === 'engagement-down');
  await page.getByTestId(`moment-${drop}`).click();
  await page.getByTestId('moment-pop').waitFor();
  await page.getByTestId('timeline').scrollIntoViewIfNeeded();
  await env.shot(page, 'call-moment-popover');
  await page.getByTestId('moment-pop').getByRole('button', { name: 'Close' }).click();
  assert.equal(await page.getByTestId('moment-pop').count(), 0);
  await page.getByTestId('moment-0').click();
  await page.keyboard.press('Escape');
  assert.equal(await page.getByTestId('moment-pop').count(), 0, 'Escape closes a moment');
});

test('transcript: complete, marked as the figures count, searchable, and tied to the timeline cursor', { timeout: 30_000 }, async () => {
  const us = report.utterances!;
  const m = report.metrics;
  assert.equal(await page.locator('[data-testid="transcript"] li').count(), us.length);
  assert.equal(await page.locator('[data-testid="transcript"] mark.filler').count(), m.fillers!.count);
  assert.equal(await page.locator('[data-testid="transcript"] .tag-eq').count(), m.engagingQuestions);
  assert.equal(await page.locator('[data-testid="transcript"] .tag-ns').count(), m.nextSteps!.items.length);
  assert.equal(await page.locator('[data-testid="transcript"] .tag-q').count() + m.engagingQuestions!, m.questions!.me + m.questions!.them);
  const first = (await page.getByTestId('line-1').textContent()) ?? '';
  assert.ok(first.includes('Ben Ode') && first.includes(mmss(us[1].start)), first);

  await page.getByTestId('tx-search').fill('tuesday');
  await until('3 matches', async () => (await text('tx-hits')) === '1 of 3');
  assert.equal(await page.locator('[data-testid="transcript"] li.hit').count(), 3);
  await page.getByTestId('tx-search').fill('');

  // Clicking a line moves the timeline cursor to its start.
  const box = await page.getByTestId('timeline').boundingBox();
  await page.getByTestId('line-20').click();
  const cursorX = Number(await page.getByTestId('tl-cursor').getAttribute('x1'));
  assert.ok(Math.abs(cursorX / box!.width - us[20].start / report.durationSec) < 0.01, 'the cursor is at the line’s time');
  // And the reverse: clicking the timeline makes the line said then the active one.
  await page.getByTestId('timeline').click({ position: { x: box!.width * (100 / report.durationSec), y: 10 } });
  await until('line 9 active', async () => (await page.getByTestId('line-9').getAttribute('class'))?.includes('active') ?? false);
  assert.ok(us[9].start <= 100 && us[10].start > 100);
  // The arrow keys move the cursor too: 5 s per press (100 s -> 120 s).
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
  await until('line 10 active', async () => (await page.getByTestId('line-10').getAttribute('class'))?.includes('active') ?? false);
  assert.ok(us[10].start <= 120 && us[11].start > 120);
  // One lane per participant, and both curves under them.
  for (const p of report.participants!) assert.equal(await page.getByTestId(`lane-${p.name.toLowerCase()}`).count(), 1, p.name);
  assert.equal(await page.getByTestId('curve-sentiment').locator('circle').count(), m.sentiment!.timeline.length);
  assert.equal(await page.getByTestId('curve-engagement').locator('circle').count(), m.engagement!.timeline.length);
});

test('a call opened from a transcript search starts at the matching line', { timeout: 30_000 }, async () => {
  await page.getByTestId('nav-list').click();
  await page.getByTestId('search').fill('finance lead');
  await until('one result', async () => (await page.locator('tbody tr').count()) === 1);
  await page.getByTestId(`call-${report.callId}`).locator('.call-title').click();
  const at = report.utterances!.findIndex((u) => u.text.includes('finance lead'));
  await until(`line ${at} active`, async () => (await page.getByTestId(`line-${at}`).getAttribute('class'))?.includes('active') ?? false);
  assert.ok(await page.getByTestId(`line-${at}`).isVisible());
  await page.getByTestId('tx-search').fill('tuesday dana');
  await until('the marked words', async () => (await page.locator('[data-testid="transcript"] mark.search-hit').count()) === 2);
  await page.getByTestId('tx-search').fill('');
  await page.getByTestId('nav-list').click();
  await page.getByTestId('search').fill('');
});

test('trends gain the language charts, from the calls with transcripts', { timeout: 30_000 }, async () => {
  await page.getByTestId('nav-trends').click();
  await page.getByTestId('language-trends').waitFor();
  const weeks = await env.bridge.service.trends({ weeks: 26 });
  const withLang = weeks.filter((w) => w.languageCalls > 0);
  assert.equal(withLang.length, 1);
  const calls = weeks.reduce((a, w) => a + w.calls, 0);
  assert.match(await text('language-note'), new RegExp(`From the 1 call with a transcript\\. ${calls - 1} calls have no transcript and are left out`));
  const label = (await page.getByTestId('language-trends').getByRole('img').first().getAttribute('aria-label')) ?? '';
  assert.ok(label.startsWith('Filler words per minute by week.') && label.includes(withLang[0].fillersPerMinute!.toFixed(1)), label);
  assert.equal(withLang[0].fillersPerMinute, report.metrics.fillers!.perMinute);
  assert.equal(await page.getByTestId('language-trends').locator('canvas').count(), 5);
  await page.getByTestId('language-trends').scrollIntoViewIfNeeded();
  await env.shot(page, 'trends-language', true);
});

test('with kept audio, clicking a line plays the recording from there', { timeout: 60_000 }, async () => {
  // A recording kept for this call (the replay sample stands in for it), served by the app protocol's call-audio route.
  const kept = join(env.dir, 'kept-call.wav');
  copyFileSync(sampleCall(), kept);
  env.bridge.store.setAudioFile(report.callId, kept);
  await page.getByTestId('nav-list').click();
  await page.getByTestId(`call-${report.callId}`).locator('.call-title').click();
  const player = page.getByTestId('call-audio');
  await player.waitFor();
  const state = () => player.evaluate((a) => {
    const el = a as unknown as { currentTime: number; paused: boolean; readyState: number };
    return { t: el.currentTime, paused: el.paused, ready: el.readyState };
  });
  await until('the audio metadata', async () => (await state()).ready >= 1);
  const line = report.utterances![3];
  await page.getByTestId('line-3').click();
  await until('playing from the line', async () => {
    const s = await state();
    return !s.paused && s.t >= line.start && s.t < line.start + 5;
  }, 15_000);
  // The timeline cursor follows the playback.
  const box = await page.getByTestId('timeline').boundingBox();
  const startX = (line.start / report.durationSec) * box!.width;
  await until('the cursor moving with the audio', async () => Number(await page.getByTestId('tl-cursor').getAttribute('x1')) > startX + 0.5, 15_000);
});

test('a 2-hour transcript is complete and virtualised', { timeout: 120_000 }, async () => {
  const lines = ['WEBVTT', ''];
  const N = 2400; // one cue every 3 s
  const ts = (t: number): string => `${String(Math.floor(t / 3600)).padStart(2, '0')}:${String(Math.floor((t % 3600) / 60)).padStart(2, '0')}:${(t % 60).toFixed(3).padStart(6, '0')}`;
  for (let i = 0; i < N; i++) {
    const who = i % 2 ? 'Ben Ode' : 'Ana Lopez';
    const words = i === N - 1 ? 'and that is the final zebracorn line' : `line ${i} of the long call about the roadmap`;
    lines.push(String(i + 1), `${ts(i * 3)} --> ${ts(i * 3 + 2.5)}`, `${who}: ${words}`, '');
  }
  const file = join(env.dir, 'long.vtt');
  writeFileSync(file, lines.join('\n'));
  const long = importTranscript(file, 'Two-hour workshop');
  await page.getByTestId('nav-list').click();
  await page.getByTestId(`call-${long.callId}`).locator('.call-title').click();
  await page.getByTestId('transcript').waitFor();
  assert.equal(await text('tx-hits'), `${N} lines`);
  const rendered = await page.locator('[data-testid="transcript"] li').count();
  assert.ok(rendered > 0 && rendered <= 200, `only the lines near the view are in the page (${rendered})`);
  await page.getByTestId('tx-search').fill('zebracorn');
  await until('the last line', async () => (await text('tx-hits')) === '1 of 1');
  await page.getByTestId(`line-${N - 1}`).waitFor();
  assert.ok(await page.getByTestId(`line-${N - 1}`).isVisible(), 'the search scrolled to the last line');
  assert.match((await page.getByTestId(`line-${N - 1}`).textContent()) ?? '', /1:59:57/);
  assert.deepEqual(env.browser.problems, [], 'no console error and no CSP violation');
  assert.deepEqual(env.bridge.refused, []);
});
