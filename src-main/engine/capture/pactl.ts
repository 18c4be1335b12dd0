// Runs PulseAudio's `pactl` (PipeWire answers it too through pipewire-pulse)
// and turns its failures into CandorErrors: tools missing, no sound server,
// or the command's own complaint. Sync for one-off device checks before a
// call; async for anything that runs while a call is live.
import { execFile, execFileSync } from 'node:child_process';
import { CandorError } from '../../contract/errors';

const TIMEOUT_MS = 5000;

function pactlBinary(): string {
  return process.env.CANDOR_PACTL || 'pactl';
}

function pactlError(err: unknown, args: string[]): CandorError {
  const e = err as NodeJS.ErrnoException & { stderr?: string | Buffer };
  if (e.code === 'ENOENT') {
    return new CandorError('DEVICE_MISSING', 'PulseAudio tools (pactl, parec) are not installed, so Candor cannot reach the audio devices',
      'Install them (`sudo apt-get install pulseaudio-utils`), and make sure PulseAudio or PipeWire (pipewire-pulse) is running.');
  }
  const msg = (e.stderr ?? e.message ?? '').toString().trim();
  if (/connection refused|connection failure|no such file|timeout/i.test(msg)) {
    return new CandorError('DEVICE_MISSING', `no PulseAudio/PipeWire sound server is running (${msg.split('\n')[0]})`,
      'Start your desktop sound server (e.g. `pulseaudio --start`, or `systemctl --user start pipewire-pulse`) and try again.');
  }
  return new CandorError('CAPTURE_FAILED', `pactl ${args.join(' ')} failed: ${msg}`);
}

export function pactl(args: string[]): string {
  try {
    return execFileSync(pactlBinary(), args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: TIMEOUT_MS }).trim();
  } catch (err) {
    throw pactlError(err, args);
  }
}

/** Like pactl(), without blocking the event loop that runs a live call. */
export function pactlAsync(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(pactlBinary(), args, { encoding: 'utf8', timeout: TIMEOUT_MS, maxBuffer: 16 << 20 }, (err, stdout, stderr) => {
      if (err) reject(pactlError(Object.assign(err, { stderr }), args));
      else resolve(stdout.trim());
    });
  });
}
