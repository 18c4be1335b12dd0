// Linux capture through PulseAudio / PipeWire: the microphone (default
// source) is "me" and the monitor of the default sink (what the speakers
// play) is "them". Each is read by node-record-lpcm16 with a parec recorder.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { CandorError } from '../../contract/errors';
import type { Side } from '../../contract/report';
import { int16ToFloat, type CaptureHandlers, type CaptureSource } from './capture-source';
import { pactl } from './pactl';

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

export class PulseSource implements CaptureSource {
  readonly sides: Side[];
  readonly realtime = true;
  private rec: ReturnType<typeof recordLpcm16.record> | null = null;
  private stopping = false;

  constructor(readonly side: Side, readonly device: string) {
    this.sides = [side];
  }

  get label(): string {
    return `${this.side === 'me' ? 'microphone' : 'system audio'} ${this.device}`;
  }

  start(h: CaptureHandlers): Promise<void> {
    return new Promise((resolve, reject) => {
      let started = false;
      let stderr = '';
      const rec = recordLpcm16.record({ sampleRate: RATE, channels: 1, recorder: PAREC_RECORDER, device: this.device, audioType: 'raw' });
      this.rec = rec;
      const proc = rec.process;
      proc.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
      const fail = (why: string): CandorError => {
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
      };
      proc.on('error', (err: NodeJS.ErrnoException) => {
        const e = err.code === 'ENOENT'
          ? new CandorError('DEVICE_MISSING', 'parec (PulseAudio tools) is not installed', 'Install it with `sudo apt-get install pulseaudio-utils`.')
          : fail(err.message);
        if (started) h.onError(e);
        else reject(e);
      });
      proc.on('close', (code) => {
        if (this.stopping) return;
        const e = fail(stderr.trim() || `parec exited with code ${code}`);
        if (started) h.onError(e);
        else reject(e);
      });
      // A suspended source (a sink's monitor while nothing plays) delivers no
      // data at first; a recorder still running after a moment has started.
      setTimeout(() => {
        if (!started && proc.exitCode === null && !this.stopping) {
          started = true;
          resolve();
        }
      }, 400).unref();
      let carry: Buffer = Buffer.alloc(0);
      proc.stdout?.on('data', (d: Buffer) => {
        const buf = carry.length ? Buffer.concat([carry, d]) : d;
        const even = buf.length & ~1;
        carry = Buffer.from(buf.subarray(even));
        if (even) h.onData(this.side, int16ToFloat(buf.subarray(0, even)));
        if (!started) {
          started = true;
          resolve();
        }
      });
    });
  }

  async stop(): Promise<void> {
    this.stopping = true;
    if (!this.rec) return;
    const proc = this.rec.process;
    if (proc.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      proc.once('close', () => resolve());
      this.rec!.stop();
      setTimeout(resolve, 2000).unref();
    });
  }
}
