// Linux capture through PulseAudio / PipeWire: the microphone (default
// source) is "me" and the monitor of the default sink (what the speakers
// play) is "them". Each is read by node-record-lpcm16 with a parec recorder.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { CandorError } from '../../contract/errors';
import type { Side } from '../../contract/report';
import { int16ToFloat, type CaptureHandlers, type CaptureSource } from './capture-source';
import { pactl, pactlAsync } from './pactl';
import { pulseEvents } from './pulse-events';

const require = createRequire(import.meta.url);
const recordLpcm16 = require('node-record-lpcm16') as {
  record(opts: Record<string, unknown>): { process: import('node:child_process').ChildProcess; stream(): NodeJS.ReadableStream; stop(): void };
};
const PAREC_RECORDER = fileURLToPath(new URL('./recorders/parec.cjs', import.meta.url));
const RATE = 16000;

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

export class PulseSource implements CaptureSource {
  readonly sides: Side[];
  readonly realtime = true;
  private rec: Recorder | null = null;
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
  private record(device: string, h: CaptureHandlers, onLost: (e: CandorError) => void): Promise<Recorder> {
    return new Promise((resolve, reject) => {
      let started = false;
      let stderr = '';
      const rec = recordLpcm16.record({ sampleRate: RATE, channels: 1, recorder: PAREC_RECORDER, device, audioType: 'raw' });
      const proc = rec.process;
      const begin = (): void => {
        if (!started) {
          started = true;
          resolve(rec);
        }
      };
      proc.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
      proc.on('error', (err: NodeJS.ErrnoException) => {
        const e = err.code === 'ENOENT'
          ? new CandorError('DEVICE_MISSING', 'parec (PulseAudio tools) is not installed', 'Install it with `sudo apt-get install pulseaudio-utils`.')
          : this.failure(err.message);
        if (started) onLost(e);
        else reject(e);
      });
      proc.on('close', (code) => {
        if (this.stopping || (started && this.rec !== rec)) return;
        const e = this.failure(stderr.trim() || `parec exited with code ${code}`);
        if (started) onLost(e);
        else reject(e);
      });
      // A suspended source (a sink's monitor while nothing plays) delivers no
      // data at first; a recorder still running after a moment has started.
      setTimeout(() => {
        if (proc.exitCode === null && !this.stopping) begin();
      }, 400).unref();
      let carry: Buffer = Buffer.alloc(0);
      proc.stdout?.on('data', (d: Buffer) => {
        if (this.rec !== rec && started) return;
        const buf = carry.length ? Buffer.concat([carry, d]) : d;
        const even = buf.length & ~1;
        carry = Buffer.from(buf.subarray(even));
        if (even) h.onData(this.side, int16ToFloat(buf.subarray(0, even)));
        begin();
      });
    });
  }

  async start(h: CaptureHandlers): Promise<void> {
    this.handlers = h;
    this.rec = await this.record(this.device, h, (e) => this.lost(e));
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
    const old = this.rec;
    const from = this.device;
    try {
      this.rec = null;
      if (old && old.process.exitCode === null) old.stop();
      const rec = await this.record(device, this.handlers, (e) => this.lost(e));
      this.rec = rec;
      this.device = device;
      this.handlers.onDeviceSwitch?.(this.side, from, device);
      return true;
    } catch {
      this.rec = old && old.process.exitCode === null ? old : null;
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
    if (!this.rec) return;
    const rec = this.rec;
    const proc = rec.process;
    if (proc.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      proc.once('close', () => resolve());
      rec.stop();
      setTimeout(resolve, 2000).unref();
    });
  }
}
