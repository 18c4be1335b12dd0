// candor record: a live call from the microphone (me) and the system audio
// (them). Prints one status line a second; Ctrl-C finishes and saves the
// call, a second Ctrl-C aborts at once (what was committed is recovered on
// the next start).
import { CandorError } from '../../contract/errors';
import type { LiveSnapshot } from '../../contract/live';
import type { Side } from '../../contract/report';
import type { CaptureSource } from '../../engine/capture/capture-source';
import { pickPulseDevices, PulseSource } from '../../engine/capture/pulse';
import { ReplaySource } from '../../engine/capture/replay-source';
import { createTranscriber } from '../../engine/asr/transcriber';
import { LiveSession } from '../../engine/live/live-session';
import { LIVE_BUSY_TIMEOUT_MS, newAudioFile } from '../../engine/service/create-engine';
import { parse } from '../args';
import type { Command } from '../command';
import { UsageError } from '../errors';
import { fmt } from '../progress';
import { formatReport } from '../report-text';
import { openStoreThread } from '../store';

const usage = 'candor record [--mic <source>] [--monitor <source>] [--title <text>] [--duration <sec>] [--keep-audio] [--json] [--db path]\n' +
  '       candor record --replay <file> [--speed <x>]   (a recording played back as a live call)';

export function statusLine(s: LiveSnapshot): string {
  const share = s.talkShare === null ? ' --' : `${String(Math.round(s.talkShare * 100)).padStart(3)}%`;
  const patience = s.patienceSec.mean === null ? '--' : `${s.patienceSec.mean.toFixed(1)} s`;
  const pace = s.recentWpm === null ? '--' : `${s.recentWpm} wpm`;
  const who = s.speaking.me && s.speaking.them ? 'both' : s.speaking.me ? 'me' : s.speaking.them ? 'them' : '-';
  const line = `${fmt(s.elapsedSec).padStart(6)}  talk ${share}  monologue ${fmt(s.currentMonologueSec)}  patience ${patience}  pace ${pace}  speaking: ${who}`;
  return s.capture.systemSilentWhileMicSpeaks
    ? `${line}  ! system audio silent ${Math.round(s.capture.systemSilentSec)} s while you speak: is the call playing through another output?`
    : line;
}

async function buildSources(values: { mic?: string; monitor?: string; replay?: string; speed?: string; side?: string }): Promise<CaptureSource[]> {
  if (values.replay) {
    const speed = values.speed === undefined ? 1 : Number(values.speed);
    if (!(speed > 0 && speed <= 100)) throw new UsageError(`--speed must be a number between 0 and 100, not "${values.speed}"`);
    const side = values.side as Side | undefined;
    return [new ReplaySource({ file: values.replay, side }, speed)];
  }
  if (process.platform !== 'linux') {
    throw new CandorError('CAPTURE_FAILED', `the candor command captures live audio on Linux only (this is ${process.platform})`,
      'Use the Candor app, which captures system audio through the operating system, or `candor record --replay <file>`.');
  }
  const d = pickPulseDevices({ mic: values.mic, monitor: values.monitor });
  // Devices picked as the defaults keep following the defaults; devices named on the command line stay.
  return [new PulseSource('me', d.mic, values.mic ? undefined : 'source'), new PulseSource('them', d.monitor, values.monitor ? undefined : 'sink')];
}

export const recordCommand: Command = {
  name: 'record',
  summary: 'coach a live call: microphone = me, system audio = them',
  usage,
  async run(argv) {
    const { values, positionals } = parse(argv, {
      mic: { type: 'string' },
      monitor: { type: 'string' },
      title: { type: 'string' },
      duration: { type: 'string' },
      replay: { type: 'string' },
      speed: { type: 'string' },
      side: { type: 'string' },
      json: { type: 'boolean' },
      db: { type: 'string' },
      'keep-audio': { type: 'boolean' },
    });
    if (positionals.length) throw new UsageError(`unexpected "${positionals[0]}"`);
    const duration = values.duration === undefined ? null : Number(values.duration);
    if (duration !== null && !(duration > 0)) throw new UsageError(`--duration must be a number of seconds, not "${values.duration}"`);

    const store = await openStoreThread(values.db, { busyTimeoutMs: LIVE_BUSY_TIMEOUT_MS });
    let sources: CaptureSource[];
    try {
      sources = await buildSources(values);
    } catch (err) {
      await store.close();
      throw err;
    }
    const transcriber = await createTranscriber({
      onUnavailable: (why) => process.stderr.write(`note: no transcript for this call (${why.split('\n')[0]}); timing metrics still run. \`npm run models\` installs the speech model.\n`),
    });
    const keepAudioFile = values['keep-audio'] ? newAudioFile() : undefined;
    const session = new LiveSession({ store, sources, title: values.title, transcriber, keepAudioFile });
    if (keepAudioFile) process.stderr.write(`keeping the audio in ${keepAudioFile}\n`);
    const tty = process.stderr.isTTY === true;
    let interrupts = 0;
    let finished = false;
    let ticker: ReturnType<typeof setInterval> | undefined;
    const done = new Promise<number>((resolve) => {
      const finish = async (why: string): Promise<void> => {
        if (finished) return;
        finished = true;
        clearInterval(ticker);
        if (tty) process.stderr.write('\n');
        process.stderr.write(`${why}; saving the call...\n`);
        try {
          const report = await session.stop();
          if (values.json) process.stdout.write(JSON.stringify({ callId: session.id, ...report }) + '\n');
          else process.stdout.write(formatReport(report));
          process.stderr.write(`saved as call ${session.id}\n`);
          resolve(0);
        } catch (err) {
          process.stderr.write(`candor: could not save the final report: ${(err as Error).message}\n` +
            `  What was committed up to the last second is kept and will be recovered the next time Candor starts.\n`);
          resolve(1);
        }
      };
      const onSigint = (): void => {
        interrupts++;
        if (interrupts === 1) void finish('stopping');
        else {
          process.stderr.write('\naborted. What was recorded up to the last second is kept and will be recovered on the next start.\n');
          void session.abort().finally(() => resolve(130));
        }
      };
      process.on('SIGINT', onSigint);
      process.on('SIGTERM', () => void finish('terminated'));
      session.on('error', (err: Error) => {
        const e = err instanceof CandorError ? err : new CandorError('CAPTURE_FAILED', err.message);
        process.stderr.write(`\ncandor: ${e.message}\n${e.hint ? `  ${e.hint}\n` : ''}`);
        if (e.code === 'DISK_FULL') {
          finished = true;
          clearInterval(ticker);
          process.stderr.write('  Recording stopped. Everything committed before the disk filled up is kept.\n');
          void session.abort().finally(() => resolve(1));
        } else void finish('capture stopped').then(() => resolve(1));
      });
      session.on('source-end', () => void finish('the replay ended'));
      session.on('device-switch', (d: { side: Side; from: string; to: string }) => {
        process.stderr.write(`${tty ? '\n' : ''}capture: ${d.side === 'me' ? 'microphone' : 'system audio'} now from ${d.to} (was ${d.from}: the default device changed); the gap is marked in the call\n`);
      });
      ticker = setInterval(() => {
        const s = session.snapshot();
        if (s.state !== 'recording') return;
        process.stderr.write(tty ? `\r${statusLine(s)}\x1b[K` : `${statusLine(s)}\n`);
        if (duration !== null && s.elapsedSec >= duration) void finish(`${duration} s recorded`);
      }, 1000);
    });
    try {
      const id = await session.start();
      process.stderr.write(`recording call ${id} from ${sources.map((s) => s.label).join(' and ')}. Ctrl-C to finish.\n`);
    } catch (err) {
      // Nothing was recorded (no device, or another recorder on this database): nothing keeps this process alive.
      finished = true;
      clearInterval(ticker);
      await store.close();
      throw err;
    }
    const code = await done;
    await transcriber?.close();
    await store.close();
    return code;
  },
};
