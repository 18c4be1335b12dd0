// Builds resources/samples/: sample-call.flac, the call shipped for
// `candor analyze` on a machine without a microphone or display (the e2e
// test recording: espeak-ng voices, channel 0 = me, 1 = them), and
// sample-call.vtt, its transcript in Zoom's WebVTT shape ("Name: text"), so
// that `candor analyze --transcript` can be tried without a speech model.
// Run once by a developer: `npx tsx scripts/make-sample.ts`.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sampleCall } from '../tests/e2e/support/sample-call';

const dir = join(import.meta.dirname, '..', 'resources', 'samples');
mkdirSync(dir, { recursive: true });
const wav = sampleCall();
execFileSync('sox', [wav, '-C', '8', join(dir, 'sample-call.flac')]);

const names = { me: 'Alex Rivera', them: 'Jordan Lee' } as const;
const layout = JSON.parse(readFileSync(`${wav}.json`, 'utf8')) as { side: 'me' | 'them'; start: number; end: number; text: string }[];
const ts = (s: number): string => {
  const ms = Math.round(s * 1000);
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const sec = (ms % 60_000) / 1000;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${sec.toFixed(3).padStart(6, '0')}`;
};
const cues = layout.map((u, i) => `${i + 1}\n${ts(u.start)} --> ${ts(u.end)}\n${names[u.side]}: ${u.text}\n`);
writeFileSync(join(dir, 'sample-call.vtt'), `WEBVTT\n\n${cues.join('\n')}`);
console.log(dir);
