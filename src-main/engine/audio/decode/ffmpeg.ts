// M4A/AAC (what Zoom's local recording writes) and other containers go
// through an ffmpeg found on PATH: ffprobe tells the layout, ffmpeg streams
// raw float32 PCM on stdout. Without ffmpeg the error says how to get it.
import { spawn, spawnSync } from 'node:child_process';
import { CandorError } from '../../../contract/errors';
import { checkChannels, checkSampleRate, corrupt } from './errors';
import type { DecodedStream } from './types';

export function ffmpegInstallHint(platform = process.platform): string {
  if (platform === 'darwin') return 'Install ffmpeg (`brew install ffmpeg`) and try again, or convert the file to WAV/FLAC.';
  if (platform === 'win32') return 'Install ffmpeg (`winget install ffmpeg`) and make sure it is on PATH, or convert the file to WAV/FLAC.';
  return 'Install ffmpeg (`sudo apt-get install ffmpeg` on Debian/Ubuntu) and try again, or convert the file to WAV/FLAC.';
}

export async function openWithFfmpeg(path: string, what: string): Promise<DecodedStream> {
  const probeBin = process.env.CANDOR_FFPROBE ?? 'ffprobe';
  const probe = spawnSync(probeBin, ['-v', 'error', '-select_streams', 'a:0', '-show_entries', 'stream=channels,sample_rate,codec_name:format=duration', '-of', 'json', path], { encoding: 'utf8' });
  if (probe.error && (probe.error as NodeJS.ErrnoException).code === 'ENOENT') {
    throw new CandorError('FFMPEG_MISSING', `${path} is ${what}, which Candor reads through ffmpeg, and ffmpeg is not installed`, ffmpegInstallHint());
  }
  if (probe.status !== 0) throw corrupt(path, probe.stderr.trim().split('\n').pop() || 'ffprobe could not read it');
  const parsed = JSON.parse(probe.stdout) as { streams?: { channels?: number; sample_rate?: string; codec_name?: string }[]; format?: { duration?: string } };
  const stream = parsed.streams?.[0];
  if (!stream) throw corrupt(path, 'it has no audio stream');
  const channels = stream.channels ?? 0;
  const sampleRate = Number(stream.sample_rate);
  checkChannels(path, channels);
  checkSampleRate(path, sampleRate);
  const duration = parsed.format?.duration ? Number(parsed.format.duration) : null;
  const bin = process.env.CANDOR_FFMPEG ?? 'ffmpeg';
  let child: ReturnType<typeof spawn> | undefined;
  return {
    info: { format: 'ffmpeg', codec: stream.codec_name ?? what, sampleRate, channels, durationSec: duration },
    async *chunks() {
      child = spawn(bin, ['-v', 'error', '-nostdin', '-i', path, '-map', '0:a:0', '-f', 'f32le', '-acodec', 'pcm_f32le', '-'], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
      const exited = new Promise<number>((resolve) => child!.on('close', (code) => resolve(code ?? 1)));
      let carry = Buffer.alloc(0);
      const frameBytes = 4 * channels;
      for await (const data of child.stdout! as AsyncIterable<Buffer>) {
        const buf = carry.length ? Buffer.concat([carry, data]) : data;
        const n = Math.floor(buf.length / frameBytes);
        const out = Array.from({ length: channels }, () => new Float32Array(n));
        for (let i = 0, o = 0; i < n; i++) for (let c = 0; c < channels; c++, o += 4) out[c][i] = buf.readFloatLE(o);
        carry = Buffer.from(buf.subarray(n * frameBytes));
        if (n) yield out;
      }
      const code = await exited;
      if (code !== 0) throw corrupt(path, stderr.trim().split('\n').pop() || `ffmpeg exited with ${code}`);
    },
    notes: () => [],
    async close() {
      child?.kill();
    },
  };
}
