// A real PulseAudio daemon with a virtual microphone and a null sink for
// "the call", and paplay to speak into them. Each test file gets its own
// pair of sinks, so test runs side by side do not hear each other.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
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
  const keepAlive = keepSinksRunning([micSink, themSink]);
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

/**
 * What a call app does to its output for the whole call: a stream of
 * silence on each sink, at a call app's latency. Returns once every sink's
 * monitor delivers audio. A new null sink renders its first ~2 s as one
 * block, and after that in blocks as long as its streams' latency (pacat's
 * default asks for 2 s): a recorder that joins meanwhile gets its first
 * audio up to 2 s late, and a player's sound starts as late, so two files
 * played at once reach two such sinks up to 2 s apart (measured: the first
 * data of a parec joining after 0.3-4 s came 0.2-1.8 s late; with 50 ms
 * streams and the first block over, 6-7 ms).
 */
export function keepSinksRunning(sinks: string[], env: NodeJS.ProcessEnv = {}): ChildProcess[] {
  const e = { ...process.env, ...env };
  const streams = sinks.map((sink) =>
    spawn('pacat', ['--playback', `--device=${sink}`, '--latency-msec=50', '--raw', '--format=s16le', '--rate=16000', '--channels=1', '/dev/zero'], { env: e, stdio: 'ignore' }));
  for (const sink of sinks) {
    const probe = `n=$(timeout 10 parec --device=${sink}.monitor --latency-msec=20 --raw --format=s16le --rate=16000 --channels=1 | head -c 640 | wc -c); [ "$n" -ge 640 ]`;
    try {
      execFileSync('bash', ['-c', probe], { env: e, stdio: 'ignore' });
    } catch {
      for (const s of streams) s.kill();
      throw new Error(`the monitor of the test sink ${sink} delivered no audio within 10 s`);
    }
  }
  return streams;
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
