// history delete removes a call's audio only when it is a file inside the
// app-data audio folder: a row naming any other path removes nothing.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';
import { CallStore } from '../../../src-main/engine/store/calls-store';
import { isInsideFolder } from '../../../src-main/engine/store/paths';
import { transcriptCall } from '../../support/store-fixtures';
import { tempDir } from '../../support/tmp';

const dir = tempDir();
const audio = join(dir, 'home', 'audio');
const outside = join(dir, 'precious');
mkdirSync(audio, { recursive: true });
mkdirSync(outside, { recursive: true });
symlinkSync(outside, join(audio, 'link'));

function callWithAudio(s: CallStore, file: string): number {
  const c = transcriptCall();
  const id = s.saveComplete({ source: 'file' }, c.report, c.segments, c.utterances);
  s.setAudioFile(id, file);
  return id;
}

test('only files inside the audio folder are removed with their call', () => {
  const s = new CallStore(join(dir, 'calls.db'), { audioDir: audio });
  const own = join(audio, 'call-1.wav');
  const cases = [
    join(outside, 'thesis.docx'), // plainly elsewhere
    join(audio, '..', '..', 'precious', 'notes.txt'), // climbs out with ..
    join(audio, 'link', 'photo.jpg'), // through a symlinked folder
    audio, // the folder itself
  ];
  for (const f of [own, ...cases]) if (f !== audio) writeFileSync(f, 'data');
  const ids = [own, ...cases].map((f) => callWithAudio(s, f));
  assert.equal(s.delete(ids), ids.length);
  s.close();
  assert.ok(!existsSync(own), "Candor's own recording is removed");
  for (const f of cases) assert.ok(existsSync(f), `${f} is untouched`);
});

test('delete --all follows the same rule', () => {
  const s = new CallStore(join(dir, 'all.db'), { audioDir: audio });
  const own = join(audio, 'call-2.wav');
  const other = join(outside, 'keep.wav');
  writeFileSync(own, 'x');
  writeFileSync(other, 'x');
  callWithAudio(s, own);
  callWithAudio(s, other);
  s.delete('all');
  s.close();
  assert.ok(!existsSync(own));
  assert.ok(existsSync(other));
});

test('isInsideFolder', () => {
  assert.equal(isInsideFolder(audio, join(audio, 'a.wav')), true);
  assert.equal(isInsideFolder(audio, join(audio, 'sub', 'a.wav')), false, 'a missing subfolder holds nothing');
  assert.equal(isInsideFolder(audio, join(audio, 'link', 'a.wav')), false);
  assert.equal(isInsideFolder(audio, join(audio, '..', 'a.wav')), false);
  assert.equal(isInsideFolder(audio, audio), false);
  assert.equal(isInsideFolder(join(dir, 'nowhere'), join(dir, 'nowhere', 'a.wav')), false);
});
