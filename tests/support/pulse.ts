// A real PulseAudio daemon with a virtual microphone and a null sink for
// "the call", and paplay to speak into them. Each test file gets its own
// pair of sinks, so test runs side by side do not hear each other.
import { execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';
import { after } from 'node:test';
import { ROOT } from './cli';

export interface PulseRig {
  micSink: string;
  themSink: string;
  /** --mic / --monitor arguments for `candor record` */
  args: string[];
}

export function startPulse(): PulseRig {
  execFileSync('bash', [join(ROOT, 'scripts', 'pulse-setup.sh')], { stdio: 'pipe' });
  const tag = `${process.pid}`;
  const micSink = `candor_mic_${tag}`;
  const themSink = `candor_them_${tag}`;
  const modules = [micSink, themSink].map((name) =>
    execFileSync('pactl', ['load-module', 'module-null-sink', `sink_name=${name}`], { encoding: 'utf8' }).trim());
  // A call app keeps its output stream open for the whole call, so the sink
  // (and its monitor) runs continuously; silence streams do the same here.
  const keepAlive = [micSink, themSink].map((sink) =>
    spawn('pacat', ['--playback', `--device=${sink}`, '--raw', '--format=s16le', '--rate=16000', '--channels=1', '/dev/zero'], { stdio: 'ignore' }));
  after(() => {
    for (const k of keepAlive) k.kill();
    for (const m of modules) {
      try {
        execFileSync('pactl', ['unload-module', m]);
      } catch {
        // the daemon may already be gone
      }
    }
  });
  return { micSink, themSink, args: ['--mic', `${micSink}.monitor`, '--monitor', `${themSink}.monitor`] };
}

/** Plays a file into a sink; resolves when it has finished. */
export function play(file: string, sink: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const p = spawn('paplay', [`--device=${sink}`, file], { stdio: 'ignore' });
    p.on('error', reject);
    p.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`paplay exited ${code}`))));
  });
}

export function waitFor(stream: NodeJS.ReadableStream, re: RegExp, timeoutMs = 30_000): Promise<string> {
  return new Promise((resolve, reject) => {
    let buf = '';
    const t = setTimeout(() => reject(new Error(`timed out waiting for ${re}; got: ${buf}`)), timeoutMs);
    stream.on('data', (d: Buffer) => {
      buf += d.toString();
      if (re.test(buf)) {
        clearTimeout(t);
        resolve(buf);
      }
    });
  });
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Starts parec on a source in its own session, reparented away from this
 * process, as another application (a call app) would; returns its pid.
 */
export function foreignRecorder(source: string): number {
  const out = execFileSync('sh', ['-c', `setsid parec --device=${source} --raw >/dev/null 2>&1 & echo $!`], { encoding: 'utf8' });
  return Number(out.trim());
}

/** SIGTERM to a process that may already be gone. */
export function killQuietly(pid: number): void {
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    // already gone
  }
}

/** Polls pred every 20 ms; false when ms passed first. */
export async function until(pred: () => boolean, ms: number): Promise<boolean> {
  const t0 = Date.now();
  while (!pred()) {
    if (Date.now() - t0 > ms) return false;
    await sleep(20);
  }
  return true;
}
