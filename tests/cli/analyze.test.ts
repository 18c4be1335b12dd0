// `candor analyze` as a user runs it: the JSON shape, the human report,
// stdout/stderr discipline, --save into history, and errors with exit codes.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import { writeWav } from '../../src-main/engine/audio/wav-writer';
import { candor } from '../support/cli';
import { TURN_TAKING } from '../support/scenarios';
import { buildCall, writeCall } from '../support/synth';
import { SHARED_MODELS, tempDir } from '../support/tmp';

const dir = tempDir();
const env = { CANDOR_MODELS_DIR: process.env.CANDOR_MODELS_DIR ?? SHARED_MODELS, CANDOR_DB: join(dir, 'candor.db'), CANDOR_HOME: dir };
const call = buildCall(TURN_TAKING);
const file = join(dir, 'call.wav');
writeCall(file, call);

test('--json prints exactly the documented shape on stdout, nothing else', () => {
  const r = candor(['analyze', file, '--json'], env);
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  // later fields may be added (e.g. notes), none removed
  for (const k of ['file', 'durationSec', 'segments', 'metrics']) assert.ok(k in j, k);
  assert.equal(j.file, file);
  assert.equal(typeof j.durationSec, 'number');
  assert.deepEqual(Object.keys(j.segments), ['me', 'them']);
  for (const k of ['talkShare', 'talkSec', 'longestMonologueSec', 'patienceSec', 'interruptions', 'silenceShare', 'pace']) assert.ok(k in j.metrics, k);
  assert.deepEqual(Object.keys(j.metrics.patienceSec).sort(), ['count', 'mean', 'median']);
  assert.deepEqual(Object.keys(j.metrics.talkSec), ['me', 'them']);
  assert.equal(j.metrics.pace.method, 'acoustic');
  assert.equal(typeof j.metrics.pace.syllablesPerSec, 'number');
  assert.ok(Array.isArray(j.segments.me[0]) && j.segments.me[0].length === 2);
  assert.equal(r.stdout.trim().split('\n').length, 1);
});

test('the human report shows ranges and a timeline', () => {
  const r = candor(['analyze', file], env);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /Talk share \(me\)\s+\d+%\s+\(40%-60%\)/);
  assert.match(r.stdout, /Pace\s+\d+ wpm \(acoustic/);
  assert.match(r.stdout, /\|[MT.X]{72}\|/);
  assert.match(r.stdout, /not a grade/);
});

test('--save stores the call; history list, show, export, delete', () => {
  const r = candor(['analyze', file, '--save', '--title', 'Synthetic discovery'], env);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /saved as call 1/);
  const list = candor(['history', 'list', '--json'], env);
  const calls = JSON.parse(list.stdout);
  assert.equal(calls.length, 1);
  assert.equal(calls[0].title, 'Synthetic discovery');
  const show = JSON.parse(candor(['history', 'show', '1', '--json'], env).stdout);
  assert.equal(show.report.metrics.patienceSec.count, 3);
  const csv = candor(['history', 'export', '1', '--format', 'csv'], env);
  assert.match(csv.stdout, /^id,title/);
  const out = join(dir, 'all.json');
  assert.equal(candor(['history', 'export', '--all', '--format', 'json', '--out', out], env).code, 0);
  assert.equal(candor(['history', 'search', 'discovery', '--json'], env).stdout.includes('Synthetic discovery'), true);
  const del = candor(['history', 'delete', '1'], env);
  assert.equal(del.code, 0, del.stderr);
  assert.deepEqual(JSON.parse(candor(['history', 'list', '--json'], env).stdout), []);
  const again = candor(['history', 'show', '1'], env);
  assert.equal(again.code, 1);
  assert.match(again.stderr, /there is no call 1/);
});

test('errors: exit code 1, the problem and the way out on stderr, nothing on stdout', () => {
  const mono = join(dir, 'mono.wav');
  writeWav(mono, [call.channels[0]], 16000);
  const cases: [string[], RegExp][] = [
    [['analyze', join(dir, 'missing.wav')], /does not exist/],
    [['analyze', mono], /mono.*\n.*--side me/],
    [['analyze', join(dir, 'notes.txt')], /not an audio file/],
  ];
  writeFileSync(join(dir, 'notes.txt'), 'hello');
  for (const [args, re] of cases) {
    const r = candor(args, env);
    assert.equal(r.code, 1, args.join(' '));
    assert.match(r.stderr, re);
    assert.equal(r.stdout, '');
  }
  const usage = candor(['analyze', file, '--side', 'left'], env);
  assert.equal(usage.code, 2);
  assert.match(usage.stderr, /--side must be "me" or "them"/);
});

test('a corrupt database is reported and left alone', () => {
  const db = join(dir, 'bad.db');
  writeFileSync(db, 'garbage'.repeat(500));
  const r = candor(['history', 'list', '--db', db], env);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /not a Candor database or is damaged/);
});
