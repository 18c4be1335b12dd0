// What the call page must show for an analysis: every language figure of the
// engine's JSON, the next steps with their times, and a participants row per
// speaker with its figures. Written from the report's own fields (the
// contract's types), independently of the page's view models, and used by
// every e2e flow that opens a call (added from a file in the app, or saved by
// the CLI).
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { AnalysisReport } from '../../../src-main/contract/report';

/** "1:05" for 65 s, as a user reads call times. */
export function mmss(sec: number): string {
  const s = Math.floor(sec);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = String(s % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${r}` : `${m}:${r}`;
}

const figure = async (page: Page, key: string): Promise<string> => ((await page.getByTestId(`fig-${key}`).locator('td').first().textContent()) ?? '').trim();

/** The figures panel against the report (the page shows the call already). */
export async function assertFiguresShown(page: Page, report: AnalysisReport): Promise<void> {
  const m = report.metrics;
  const per10 = (n: number): string => ((n / report.durationSec) * 600).toFixed(1);
  assert.equal(await figure(page, 'questions'), `${m.questions!.me} / ${m.questions!.them}`);
  assert.equal(await figure(page, 'questionsPer10'), per10(m.questions!.me));
  assert.equal(await figure(page, 'engaging'), per10(m.engagingQuestions!));
  assert.equal(await figure(page, 'fillers'), m.fillers!.perMinute.toFixed(1));
  assert.equal(await figure(page, 'fillersPerWord'), (m.fillers!.perWord * 100).toFixed(1));
  assert.equal(await figure(page, 'sentiment'), m.sentiment!.call!.toFixed(0));
  assert.equal(await figure(page, 'sentimentBySide'), `${m.sentiment!.bySide.me!.toFixed(0)} / ${m.sentiment!.bySide.them!.toFixed(0)}`);
  assert.equal(await figure(page, 'engagement'), m.engagement!.call!.toFixed(0));
  assert.equal(await figure(page, 'moments'), String(m.moments!.length));
  const n = m.nextSteps!.items.length;
  assert.equal(await figure(page, 'nextSteps'), m.nextSteps!.set ? `Yes (${n} ${n === 1 ? 'item' : 'items'})` : 'No');
  assert.equal(await figure(page, 'pace'), `${m.pace.wpm} wpm`);

  const steps = page.getByTestId('next-steps').locator('li');
  assert.equal(await steps.count(), n);
  for (const [i, item] of m.nextSteps!.items.entries()) {
    const li = ((await steps.nth(i).textContent()) ?? '').replace(/\s+/g, ' ');
    assert.ok(li.includes(mmss(item.at)) && li.includes(item.text), `${li} shows ${item.text} at ${mmss(item.at)}`);
  }
}

/** The participants table against the report: one row per speaker. */
export async function assertParticipantsShown(page: Page, report: AnalysisReport): Promise<void> {
  const ps = report.participants!;
  assert.equal(await page.getByTestId('participants').locator('tbody tr').count(), ps.length);
  for (const p of ps) {
    const row = page.getByTestId(`participant-${p.name}`);
    const col = async (c: string): Promise<string> => ((await row.locator(`[data-col="${c}"]`).textContent()) ?? '').trim();
    assert.equal(await col('talk'), mmss(p.talkSec), p.name);
    assert.equal(await col('share'), `${Math.round(p.share! * 100)}%`, p.name);
    assert.equal(await col('turns'), String(p.turns), p.name);
    assert.equal(await col('longestMonologue'), mmss(p.longestMonologueSec), p.name);
    assert.equal(await col('questions'), String(p.questions), p.name);
    assert.equal(await col('wpm'), p.wpm === null ? '–' : p.wpm.toFixed(0), p.name);
  }
}
