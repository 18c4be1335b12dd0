// A test recording for the replayed call: stereo WAV, channel 0 = me,
// channel 1 = them, spoken by espeak-ng and laid out with sox. "Me" talks
// most of the call (talk share ~0.8, so the coach says "Let them talk"
// after a minute), answers one turn quickly and cuts in once (an
// interruption). Built once per machine into the temp folder.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const VERSION = 'v3';

const ME = [
  'Thanks for making the time today. I wanted to walk you through how our platform handles onboarding for new teams, because I think it maps closely to what you described last week. We start with a short discovery session, then we set up the workspace, then we migrate your existing projects, and finally we train the first group of users so that they can help the rest of the company.',
  'Great, so the second thing I want to cover is the reporting side. Every manager gets a weekly summary with the numbers that matter, and you can drill into any project to see where the time goes. Most of our customers tell us that this is the part they use every single day, and it is also where we see the biggest savings after the first quarter.',
  'Sorry, just to jump in there, I think that is exactly the point. Let me explain how the pricing works for a team of your size, because it is simpler than it looks. There is a base fee for the workspace and then a small amount per active user per month, and we only count people who actually log in. Annual plans come with a discount and with priority support.',
  'So what would be the best next step on your side? I can send over a proposal tomorrow and we could schedule a follow up call next week with your operations lead.',
];
const THEM = [
  'That sounds reasonable. How long does the migration usually take?',
  'Okay. And what does that cost for a team of around forty people, roughly speaking, including the training sessions you mentioned earlier?',
  'That makes sense. Let me check with my team and get back to you.',
];

function run(cmd: string, args: string[]): string {
  return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function say(text: string, voice: string, file: string): number {
  run('espeak-ng', ['-v', voice, '-s', '165', '-w', file, text]);
  return Number(run('soxi', ['-D', file]).trim());
}

/** Lays utterances out on one channel: silence up to each start time, then the speech. */
function channel(parts: { at: number; file: string; dur: number }[], total: number, out: string, tmp: string): void {
  const pieces: string[] = [];
  let t = 0;
  parts.forEach((p, i) => {
    const gap = Math.max(0, p.at - t);
    const sil = join(tmp, `sil-${out.length}-${i}.wav`);
    run('sox', ['-n', '-r', '16000', '-c', '1', '-b', '16', sil, 'trim', '0', gap.toFixed(3)]);
    const norm = join(tmp, `n-${i}-${p.file.split('/').pop()}`);
    run('sox', [p.file, '-r', '16000', '-c', '1', '-b', '16', norm]);
    pieces.push(sil, norm);
    t = p.at + p.dur;
  });
  const tail = join(tmp, `tail-${out.length}.wav`);
  run('sox', ['-n', '-r', '16000', '-c', '1', '-b', '16', tail, 'trim', '0', Math.max(0.5, total - t).toFixed(3)]);
  run('sox', [...pieces, tail, out]);
}

export function sampleCall(): string {
  const dir = join(tmpdir(), 'candor-e2e');
  const file = join(dir, `sample-call-${VERSION}.wav`);
  if (existsSync(file)) return file;
  mkdirSync(dir, { recursive: true });
  const tmp = join(dir, `build-${process.pid}`);
  mkdirSync(tmp, { recursive: true });
  try {
    const me = ME.map((text, i) => {
      const f = join(tmp, `me-${i}.wav`);
      return { file: f, dur: say(text, 'en-us', f), text };
    });
    const them = THEM.map((text, i) => {
      const f = join(tmp, `them-${i}.wav`);
      return { file: f, dur: say(text, 'en-gb+f3', f), text };
    });
    // The schedule: me, them, me (after 0.3 s: impatient), them, me cutting in 1.8 s into their turn, them, me.
    const meParts: { at: number; file: string; dur: number; text: string }[] = [];
    const themParts: { at: number; file: string; dur: number; text: string }[] = [];
    let t = 0.6;
    meParts.push({ at: t, ...me[0] }); t += me[0].dur + 0.9;
    themParts.push({ at: t, ...them[0] }); t += them[0].dur + 0.3;
    meParts.push({ at: t, ...me[1] }); t += me[1].dur + 0.8;
    themParts.push({ at: t, ...them[1] });
    const cutIn = t + 1.8;
    t = Math.max(cutIn, t) ;
    meParts.push({ at: cutIn, ...me[2] }); t = cutIn + me[2].dur + 0.8;
    themParts.push({ at: t, ...them[2] }); t += them[2].dur + 1.0;
    meParts.push({ at: t, ...me[3] }); t += me[3].dur + 1.0;
    const left = join(tmp, 'left.wav');
    const right = join(tmp, 'right.wav');
    channel(meParts, t, left, tmp);
    channel(themParts, t, right, tmp);
    const partial = `${file}.part.wav`;
    run('sox', ['-M', left, right, partial]);
    // what was said when, for a transcript of the sample (scripts/make-sample.ts)
    const layout = [...meParts.map((p) => ({ side: 'me', ...p })), ...themParts.map((p) => ({ side: 'them', ...p }))]
      .sort((a, b) => a.at - b.at).map(({ side, at, dur, text }) => ({ side, start: at, end: at + dur, text }));
    writeFileSync(`${file}.json`, JSON.stringify(layout, null, 1));
    renameSync(partial, file);
    return file;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
