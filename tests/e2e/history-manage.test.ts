// Flow 2 (end to end, real engine and SQLite file): search the history
// (titles, notes, transcripts), export JSON and CSV, delete one call and then
// all of them, and check in the database file that they are really gone.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { listBackups, writeBackup } from '../../src-main/engine/store/backups';
import type { Page } from 'playwright-core';
import { e2e, type E2E } from './support/setup';

let env: E2E;
let page: Page;

before(async () => {
  env = await e2e({ consent: true, seed: true });
  page = await env.history();
  await page.getByRole('heading', { name: 'Calls', exact: true }).waitFor();
});

after(async () => {
  await env?.close();
});

const rows = async (): Promise<string[]> => page.locator('tbody tr .call-title').allTextContents();

/** Polls from the test side (the page's CSP forbids evaluating strings, so no string predicates). */
async function until(what: string, ok: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const t0 = Date.now();
  while (!(await ok())) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
const rowCount = (n: number) => async () => (await page.locator('tbody tr').count()) === n;

test('search finds titles, notes and transcripts', { timeout: 30_000 }, async () => {
  assert.equal((await rows()).length, env.seeded.length);
  const search = page.getByTestId('search');
  await search.fill('pricing');
  await until('two results', rowCount(2));
  assert.deepEqual((await rows()).sort(), ['Acme pricing review', 'Initech renewal']);
  assert.ok(await page.locator('.call-match mark').count() >= 1, 'the matching words are marked');
  await env.shot(page, 'history-search', true);

  await search.fill('renewal'); // in notes
  await until('one result', rowCount(1));
  assert.deepEqual(await rows(), ['Initech renewal']);
  await search.fill('spreadsheets'); // in a transcript
  await until('the transcript match', async () => (await rows()).join() === 'Globex discovery call');
  assert.match((await page.locator('.call-match').first().textContent()) ?? '', /transcript/);
  await search.fill('nothing-like-this');
  await page.getByText('No call matches').waitFor();
  await search.fill('');
  await until('the whole list', rowCount(env.seeded.length));
});

test('search while typing: a half-typed word finds the call, an ended word is a whole word', { timeout: 30_000 }, async () => {
  const search = page.getByTestId('search');
  await search.pressSequentially('spreadsh', { delay: 40 }); // "spreadsheets", in a transcript, key by key
  await until('the transcript match for a partial word', async () => (await rows()).join() === 'Globex discovery call');
  assert.match((await page.locator('.call-match').first().textContent()) ?? '', /transcript/);
  assert.equal(await page.locator('.call-match mark').first().textContent(), 'spreadsheets', 'the whole word is marked');

  // Each step changes the result, so each wait sees the new search's answer.
  await search.fill('zanzibar budg'); // "budget" in notes: every word still required, only the last a prefix
  await until('the notes match', async () => (await rows()).join() === 'Acme pricing review');
  await search.fill('zanzib budget'); // an earlier word is whole: "zanzib" is no word
  await page.getByText('No call matches').waitFor();
  await search.fill('budg');
  await until('the prefix match', async () => (await rows()).join() === 'Acme pricing review');
  await search.fill('budg '); // the space ended the word: "budg" is no word
  await page.getByText('No call matches').waitFor();
  await search.fill('"pricing pag'); // an open quote: a phrase whose last word is a prefix ("clear pricing page")
  await until('the phrase match', async () => (await rows()).join() === 'Acme pricing review');
  await search.fill('"pricing pag"'); // the quote closed: the phrase as typed, and "pag" is no word
  await page.getByText('No call matches').waitFor();

  // The box holds the contract's 200 characters at most; a 199-character search still gets its * (200 sent).
  const long = `${'budget '.repeat(27)}zanzibar p`;
  assert.equal(long.length, 199);
  await search.fill(long);
  await until('the long search with a prefix ("project")', async () => (await rows()).join() === 'Acme pricing review');
  await search.pressSequentially('roject', { delay: 40 });
  assert.equal(await search.inputValue(), `${long}r`, 'the box stops at 200 characters');
  await page.getByText('No call matches').waitFor(); // no room for a *: "pr" is searched as typed
  assert.equal(await page.getByTestId('flash').count(), 0, 'no error from the contract');
  await search.fill('');
  await until('the whole list', rowCount(env.seeded.length));
});

test('export all calls as JSON and CSV', { timeout: 30_000 }, async () => {
  await page.getByTestId('export-json').click();
  await page.getByTestId('flash').getByText(`Exported ${env.seeded.length} calls`).waitFor();
  const json = JSON.parse(readFileSync(join(env.exportDir, 'candor-calls.json'), 'utf8')) as { calls: { title: string; segments: unknown }[] };
  assert.equal(json.calls.length, env.seeded.length);
  assert.ok(json.calls.some((c) => c.title === 'Hooli pilot kickoff' && c.segments));
  await page.getByTestId('export-csv').click();
  await until('the CSV export', async () => ((await page.getByTestId('flash').textContent()) ?? '').includes('.csv'));
  const csv = readFileSync(join(env.exportDir, 'candor-calls.csv'), 'utf8').trim().split('\n');
  assert.equal(csv.length, env.seeded.length + 1);
  assert.match(csv[0], /^id,title,started_at,duration_sec/);
});

test('delete one call: gone from the list, the index and the file', { timeout: 30_000 }, async () => {
  const victim = env.bridge.store.list().find((c) => c.title === 'Acme pricing review')!;
  await page.getByTestId(`call-${victim.id}`).locator('.call-title').click();
  await page.getByTestId('timeline').waitFor();
  await page.getByTestId('title').fill('Acme pricing review (zanzibar)');
  await page.getByTestId('notes').fill('Renegotiate the zanzibar terms.');
  await page.getByTestId('notes').blur();
  await page.getByText('Saved', { exact: true }).waitFor();
  assert.equal(env.bridge.store.get(victim.id).notes, 'Renegotiate the zanzibar terms.');
  assert.equal(env.bridge.store.get(victim.id).title, 'Acme pricing review (zanzibar)');

  // A backup that holds the call (the app takes one a day, at open, once there are calls).
  const path = env.bridge.store.path;
  const old = writeBackup(env.bridge.store.db, path, 'daily');
  assert.ok(readFileSync(old).includes('zanzibar'));

  await page.getByTestId('delete-call').click();
  await page.getByRole('dialog').getByTestId('confirm').click();
  // The work after the delete (onHistoryUpkeep) shows as one calm line while it runs.
  await page.getByTestId('upkeep-status').waitFor();
  await page.getByTestId('flash').getByText('deleted for good').waitFor();
  await page.getByRole('heading', { name: 'Calls', exact: true }).waitFor();
  assert.ok(!(await rows()).some((t) => t.includes('Acme')));

  // Really gone: a separate connection to the file, its search index, and its bytes.
  const db = new Database(env.bridge.store.path, { readonly: true });
  try {
    assert.equal(db.prepare('SELECT count(*) FROM calls WHERE id = ?').pluck().get(victim.id), 0);
    assert.equal(db.prepare('SELECT count(*) FROM segments WHERE call_id = ?').pluck().get(victim.id), 0);
    assert.equal(db.prepare("SELECT count(*) FROM call_fts WHERE call_fts MATCH 'zanzibar'").pluck().get(), 0);
  } finally {
    db.close();
  }
  // The delete answers once the rows are gone; the store's thread scrubs the file right after (store/worker/upkeep.ts).
  const traces = (): number => [path, `${path}-wal`].filter(existsSync).filter((f) => readFileSync(f).includes('zanzibar')).length;
  await until('no trace of the title or notes is left in the database file or its log', async () => traces() === 0);
  // The backup went with the delete; a fresh one, written by a process of its own, replaces it.
  assert.ok(!existsSync(old));
  await until('a fresh backup without the call', async () => {
    const backups = listBackups(path);
    return backups.length === 1 && !readFileSync(backups[0].path).includes('zanzibar');
  });
  await page.getByTestId('upkeep-status').waitFor({ state: 'detached' }); // and then nothing
  assert.equal((await env.bridge.service.searchCalls({ query: 'zanzibar' })).length, 0);
});

test('delete all calls from settings', { timeout: 30_000 }, async () => {
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('delete-all').click();
  await page.getByRole('dialog').getByTestId('confirm').click();
  await page.getByTestId('flash').getByText('calls were deleted for good').waitFor();
  await page.getByText('· 0 calls').waitFor();
  await page.getByTestId('nav-list').click();
  await page.getByText('No calls yet').waitFor();
  const db = new Database(env.bridge.store.path, { readonly: true });
  try {
    assert.equal(db.prepare('SELECT count(*) FROM calls').pluck().get(), 0);
    assert.equal(db.prepare('SELECT count(*) FROM call_fts').pluck().get(), 0);
  } finally {
    db.close();
  }
  for (const word of ['Globex', 'spreadsheets', 'Initech']) {
    assert.equal(readFileSync(env.bridge.store.path).indexOf(Buffer.from(word)), -1, word);
  }
  assert.deepEqual(env.browser.problems, [], 'no console error and no CSP violation');
  assert.deepEqual(env.bridge.refused, []);
});
