// Linux capture through PulseAudio / PipeWire: the microphone (default
// source) is "me" and the monitor of the default sink (what the speakers
// play) is "them". Each is recorded by node-record-lpcm16 with a parec
// recorder that writes into a pipe, read on the session's analysis tick.
import { closeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { CandorError } from '../../contract/errors';
import type { Side } from '../../contract/report';
import { openPipe } from '../../../native/lib/pipe';
import type { CaptureHandlers, CaptureSource } from './capture-source';
import { PcmPipe } from './pcm-pipe';
import { pactl, pactlAsync } from './pactl';
import { pulseEvents } from './pulse-events';

const require = createRequire(import.meta.url);
const recordLpcm16 = require('node-record-lpcm16') as {
  record(opts: Record<string, unknown>): { process: import('node:child_process').ChildProcess; stream(): NodeJS.ReadableStream; stop(): void };
};
const PAREC_RECORDER = fileURLToPath(new URL('./recorders/parec.cjs', import.meta.url));
const RATE = 16000;
/**
 * How much of a side's audio the kernel keeps while the engine does not read
 * it: 1 MiB, 32 s (Linux's default limit for a pipe). A stall of the reader
 * up to that long is caught up from it; the stdout socket this replaces held
 * about 6 s.
 */
const PIPE_BYTES = 1 << 20;
/** A starting recorder is looked at this often for its first audio... */
const START_POLL_MS = 20;
/** ...and counts as started when it still runs after this long (a suspended source delivers nothing at first). */
const START_WAIT_MS = 400;

export interface PulseDevices {
  sources: string[];
  sinks: string[];
  defaultSource: string;
  defaultSink: string;
}

export function listPulseDevices(): PulseDevices {
  const names = (out: string): string[] => out.split('\n').filter(Boolean).map((l) => l.split('\t')[1]);
  return {
    sources: names(pactl(['list', 'short', 'sources'])),
    sinks: names(pactl(['list', 'short', 'sinks'])),
    defaultSource: pactl(['get-default-source']),
    defaultSink: pactl(['get-default-sink']),
  };
}

/** Which Pulse source each side reads: given names, or the defaults. */
export function pickPulseDevices(opts: { mic?: string; monitor?: string }): { mic: string; monitor: string } {
  const d = listPulseDevices();
  const mic = opts.mic ?? d.defaultSource;
  const monitor = opts.monitor ?? `${d.defaultSink}.monitor`;
  if (!mic || mic === '@DEFAULT_SOURCE@' || !d.sources.includes(mic)) {
    if (!d.sources.length) {
      throw new CandorError('DEVICE_MISSING', 'no microphone found', 'Connect a microphone (or headset) and check it shows up in your sound settings.');
    }
    const mics = d.sources.filter((s) => !s.endsWith('.monitor'));
    throw new CandorError('DEVICE_MISSING', mic ? `no microphone named "${mic}"` : 'no default microphone is set',
      `Pick one of: ${(mics.length ? mics : d.sources).join(', ')} (--mic).`);
  }
  if (!d.sources.includes(monitor)) {
    throw new CandorError('DEVICE_MISSING', `no system-audio monitor named "${monitor}", so the other side cannot be heard`,
      `Pick one of: ${d.sources.filter((s) => s.endsWith('.monitor')).join(', ') || '(none: is any output device present?)'} (--monitor).`);
  }
  return { mic, monitor };
}

/**
 * A following source asks which device is the default whenever the sound
 * server says something changed (pulse-events.ts), and on this slow poll in
 * case its events stop; without events at all it polls fast enough to follow
 * within about 2 s.
 */
const FOLLOW_POLL_MS = 5000;
const FOLLOW_POLL_NO_EVENTS_MS = 500;
/** Events come in bursts (a device removed, the default moved): one look after they settle. */
const FOLLOW_SETTLE_MS = 100;
/** How long a following source looks for a device to go on with after its device went away. */
const FOLLOW_RECOVER_MS = 4000;

/** The device a side follows: the default input (`source`) or the monitor of the default output (`sink`). */
export type FollowDefault = 'source' | 'sink';

async function defaultDevice(follow: FollowDefault): Promise<string | null> {
  const name = await pactlAsync([follow === 'sink' ? 'get-default-sink' : 'get-default-source']).catch(() => '');
  return !name ? null : follow === 'sink' ? `${name}.monitor` : name;
}

type Recorder = ReturnType<typeof recordLpcm16.record>;
/** A running parec and the pipe it writes into. */
interface Capture {
  rec: Recorder;
  pipe: PcmPipe;
}

export class PulseSource implements CaptureSource {
  readonly sides: Side[];
  readonly realtime = true;
  private capture: Capture | null = null;
  private stopping = false;
  private handlers: CaptureHandlers | null = null;
  private poll: NodeJS.Timeout | null = null;
  private unlisten: (() => void) | null = null;
  private settle: NodeJS.Timeout | null = null;
  private lastCheck = 0;
  private switching = false;

  /**
   * With `follow`, the source was picked as the default device and keeps to
   * the default: when it changes (headphones plugged in, a headset switching
   * profile) or the device goes away, capture moves to the new default
   * within about a second and tells the session, which marks the gap.
   */
  constructor(readonly side: Side, public device: string, private readonly follow?: FollowDefault) {
    this.sides = [side];
  }

  get label(): string {
    return `${this.side === 'me' ? 'microphone' : 'system audio'} ${this.device}`;
  }

  private failure(why: string): CandorError {
    if (/access denied|permission/i.test(why)) {
      return new CandorError('PERMISSION_DENIED', `no permission to record from ${this.label}`, 'Allow microphone access for Candor in your system settings and try again.');
    }
    if (/failed to execute/i.test(why)) {
      return new CandorError('DEVICE_MISSING', 'parec (PulseAudio tools) is not installed', 'Install it with `sudo apt-get install pulseaudio-utils`.');
    }
    if (/no such entity|no such device/i.test(why)) {
      return new CandorError('DEVICE_MISSING', `${this.label} does not exist`, 'List devices with `candor doctor` and pick one with --mic / --monitor.');
    }
    return new CandorError('CAPTURE_FAILED', `capture from ${this.label} stopped: ${why || 'the recorder exited'}`, 'Check the device in your sound settings and try again.');
  }

  /** Starts parec on `device`; resolves once it runs. Its later failure goes to onLost. */
  private record(device: string, h: CaptureHandlers, onLost: (e: CandorError) => void): Promise<Capture> {
    return new Promise((resolve, reject) => {
      const ends = openPipe(PIPE_BYTES);
      const pipe = new PcmPipe(ends.readFd);
      let rec: Recorder;
      try {
        rec = recordLpcm16.record({ sampleRate: RATE, channels: 1, recorder: PAREC_RECORDER, device, audioType: 'raw', outputFd: ends.writeFd });
      } catch (err) {
        pipe.close();
        throw this.failure((err as Error).message);
      } finally {
        // parec has its own copy now: the pipe ends when parec does
        closeSync(ends.writeFd);
      }
      const capture: Capture = { rec, pipe };
      const proc = rec.process;
      let started = false;
      let stderr = '';
      const startedAt = performance.now();
      const poll = setInterval(() => {
        if (this.stopping) return fail(this.failure('recording was stopped while it started'));
        try {
          const got = pipe.drain((samples) => h.onData(this.side, samples));
          // (a recorder that has exited meanwhile is left to its 'close', which says why)
          if (got > 0 || (proc.exitCode === null && performance.now() - startedAt >= START_WAIT_MS)) begin();
        } catch (err) {
          fail(err as CandorError);
        }
      }, START_POLL_MS);
      const begin = (): void => {
        clearInterval(poll);
        if (started) return;
        started = true;
        resolve(capture);
      };
      const fail = (e: CandorError): void => {
        clearInterval(poll);
        if (started) return onLost(e);
        started = true;
        pipe.close();
        reject(e);
      };
      proc.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
      proc.on('error', (err: NodeJS.ErrnoException) => {
        fail(err.code === 'ENOENT'
          ? new CandorError('DEVICE_MISSING', 'parec (PulseAudio tools) is not installed', 'Install it with `sudo apt-get install pulseaudio-utils`.')
          : this.failure(err.message));
      });
      proc.on('close', (code) => {
        if ((this.stopping && started) || (started && this.capture !== capture)) return;
        fail(this.failure(stderr.trim() || `parec exited with code ${code}`));
      });
    });
  }

  /** Passes on what parec wrote since the last read (the session calls this on its analysis tick). */
  readNow(): void {
    const c = this.capture;
    const h = this.handlers;
    if (!c || !h) return;
    try {
      c.pipe.drain((samples) => h.onData(this.side, samples));
    } catch (err) {
      this.lost(err as CandorError);
    }
  }

  /** Reads the rest of a recorder that has ended, then closes its pipe. */
  private finishCapture(c: Capture): void {
    if (this.handlers) {
      const h = this.handlers;
      try {
        c.pipe.drain((samples) => h.onData(this.side, samples));
      } catch {
        // the end of this recorder's audio is lost; what was read stays
      }
    }
    c.pipe.close();
  }

  async start(h: CaptureHandlers): Promise<void> {
    this.handlers = h;
    this.capture = await this.record(this.device, h, (e) => this.lost(e));
    if (this.follow) {
      this.unlisten = pulseEvents.listen((facility) => {
        if (facility !== 'server' && facility !== 'sink' && facility !== 'source') return;
        if (this.settle) clearTimeout(this.settle);
        this.settle = setTimeout(() => void this.checkDefault(), FOLLOW_SETTLE_MS);
        this.settle.unref();
      });
      this.poll = setInterval(() => {
        const every = pulseEvents.alive ? FOLLOW_POLL_MS : FOLLOW_POLL_NO_EVENTS_MS;
        if (Date.now() - this.lastCheck >= every - 50) void this.checkDefault();
      }, FOLLOW_POLL_NO_EVENTS_MS);
      this.poll.unref();
    }
  }

  /** The device failed mid-call: a following source goes on with the default, others report it. */
  private lost(e: CandorError): void {
    if (this.stopping) return;
    if (!this.follow) {
      this.handlers?.onError(e);
      return;
    }
    void this.recover(e);
  }

  private async recover(e: CandorError): Promise<void> {
    const until = Date.now() + FOLLOW_RECOVER_MS;
    while (!this.stopping && Date.now() < until) {
      const next = await defaultDevice(this.follow!);
      if (next && (await this.switchTo(next, true))) return;
      await new Promise((r) => setTimeout(r, 250));
    }
    if (!this.stopping) this.handlers?.onError(e);
  }

  private async checkDefault(): Promise<void> {
    if (this.switching || this.stopping) return;
    this.lastCheck = Date.now();
    const next = await defaultDevice(this.follow!);
    if (next && next !== this.device) await this.switchTo(next, false);
  }

  /** Moves capture to `device`; true once audio flows from it. */
  private async switchTo(device: string, oldIsGone: boolean): Promise<boolean> {
    if (this.switching || this.stopping || !this.handlers) return false;
    if (device === this.device && !oldIsGone) return true;
    this.switching = true;
    const old = this.capture;
    const from = this.device;
    try {
      this.capture = null;
      if (old) {
        // the old device's last audio goes in before the new one's first
        if (old.rec.process.exitCode === null) old.rec.stop();
        this.finishCapture(old);
      }
      this.capture = await this.record(device, this.handlers, (e) => this.lost(e));
      this.device = device;
      this.handlers.onDeviceSwitch?.(this.side, from, device);
      return true;
    } catch {
      // nothing records this side now: a following source tries again on its next look
      return false;
    } finally {
      this.switching = false;
    }
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.unlisten?.();
    this.unlisten = null;
    if (this.settle) clearTimeout(this.settle);
    if (this.poll) clearInterval(this.poll);
    this.poll = null;
    const c = this.capture;
    if (!c) return;
    const proc = c.rec.process;
    if (proc.exitCode === null) {
      await new Promise<void>((resolve) => {
        proc.once('close', () => resolve());
        c.rec.stop();
        setTimeout(resolve, 2000).unref();
      });
    }
    this.finishCapture(c);
    this.capture = null;
  }
}
