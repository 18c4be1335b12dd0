// Main's check of picked and dropped files, and the grants that let only
// those reach the engine's import.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CallFileGrants, describeCallFiles } from '../../src-main/app/call-file-grants';
import { resolveCallFiles } from '../../src-main/app/call-files';
import { wantsLoopback } from '../../src-main/app/display-media';
import { CandorError } from '../../src-main/contract/errors';
import { tempDir } from '../support/tmp';

function files(dir: string, names: string[]): void {
  for (const n of names) writeFileSync(join(dir, n), 'x');
}

function fails(fn: () => unknown, code: string, re: RegExp): void {
  assert.throws(fn, (e: unknown) => e instanceof CandorError && e.code === code && re.test(e.message));
}

test('a Zoom recording folder gives its .m4a and its transcript (not the captions)', () => {
  const cloud = join(tempDir(), 'GMT20250301-Recording');
  mkdirSync(cloud);
  files(cloud, ['GMT20250301_Recording.m4a', 'GMT20250301_Recording_1920x1080.mp4', 'GMT20250301_Recording.transcript.vtt', 'GMT20250301_Recording.cc.vtt', 'chat.txt']);
  assert.deepEqual(resolveCallFiles([cloud]), { audio: join(cloud, 'GMT20250301_Recording.m4a'), transcript: join(cloud, 'GMT20250301_Recording.transcript.vtt') });
  const local = join(tempDir(), 'zoom-local');
  mkdirSync(local);
  files(local, ['audio_only.m4a', 'audioAna11.m4a', 'audioBo22.m4a', 'video1.mp4']);
  assert.deepEqual(resolveCallFiles([local]), { audio: join(local, 'audio_only.m4a'), transcript: null });
});

test('files are checked: kinds, one of each, existing, not empty, absolute', () => {
  const dir = tempDir();
  files(dir, ['call.vtt', 'call.wav', 'other.srt', 'notes.txt']);
  writeFileSync(join(dir, 'empty.vtt'), '');
  symlinkSync(join(dir, 'call.vtt'), join(dir, 'link.vtt'));
  assert.deepEqual(resolveCallFiles([join(dir, 'call.wav'), join(dir, 'call.vtt')]), { audio: join(dir, 'call.wav'), transcript: join(dir, 'call.vtt') });
  assert.deepEqual(resolveCallFiles([join(dir, 'link.vtt')]), { audio: null, transcript: join(dir, 'call.vtt') }, 'a link is followed to the real file');
  fails(() => resolveCallFiles([join(dir, 'call.vtt'), join(dir, 'other.srt')]), 'BAD_ARGUMENT', /one call takes one transcript, and these are 2: call.vtt, other.srt/);
  fails(() => resolveCallFiles([join(dir, 'notes.txt')]), 'BAD_ARGUMENT', /notes.txt is neither a recording nor a transcript/);
  fails(() => resolveCallFiles([join(dir, 'empty.vtt')]), 'BAD_ARGUMENT', /empty.vtt is empty/);
  fails(() => resolveCallFiles([join(dir, 'gone.vtt')]), 'FILE_NOT_FOUND', /gone.vtt does not exist/);
  fails(() => resolveCallFiles(['relative/call.vtt']), 'BAD_ARGUMENT', /not a file path/);
  fails(() => resolveCallFiles([]), 'BAD_ARGUMENT', /add 1 to 16 files/);
  const two = join(dir, 'two');
  mkdirSync(two);
  files(two, ['a.wav', 'b.wav']);
  fails(() => resolveCallFiles([two]), 'BAD_ARGUMENT', /holds several recordings \(a.wav, b.wav\)/);
});

test('only checked files may be imported; the choice names them and carries the speakers', async () => {
  const g = new CallFileGrants();
  g.grant({ audio: null, transcript: '/data/call.vtt' });
  g.check({ importId: 'a', transcript: '/data/call.vtt', me: 'Ana' });
  assert.throws(() => g.check({ importId: 'a', transcript: '/data/call.vtt', audio: '/etc/shadow' }), (e: unknown) =>
    e instanceof CandorError && e.code === 'IPC_INVALID' && /shadow was not chosen or dropped/.test(e.message));
  const choice = await describeCallFiles({ audio: '/d/a.m4a', transcript: '/d/t.vtt' }, async (path) => ({
    path, format: 'vtt', speakers: [{ name: 'Ana', talkSec: 10 }], suggestedMe: null, sidesNamed: false, cues: 3,
  }));
  assert.deepEqual(choice.audio, { path: '/d/a.m4a', name: 'a.m4a' });
  assert.equal(choice.transcript?.name, 't.vtt');
  assert.equal(choice.transcript?.speakers[0].name, 'Ana');
});

test('screen capture brings loopback audio except on Linux, where the engine has the sound', () => {
  assert.equal(wantsLoopback('linux', true), false);
  assert.equal(wantsLoopback('darwin', true), true);
  assert.equal(wantsLoopback('win32', false), false);
});
