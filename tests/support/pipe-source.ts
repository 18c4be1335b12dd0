// TEST-ONLY: a real-time capture device as the engine sees parec: a child
// process writes 16-bit PCM into a pipe at the pace of the wall clock. When
// the reader stalls, the pipe fills and the child waits, then writes the
// backlog at once (PulseAudio holds a stalled reader's audio the same way).
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Side } from '../../src-main/contract/report';
import { int16ToFloat, type CaptureHandlers, type CaptureSource } from '../../src-main/engine/capture/capture-source';

const WRITER = `
const fs = require('node:fs');
const pcm = fs.readFileSync(process.argv[1]);
const bytesPerMs = 32;
const t0 = Date.now();
let sent = 0;
const tick = setInterval(() => {
  const due = Math.min(pcm.length, Math.floor((Date.now() - t0) * bytesPerMs) & ~1);
  if (due > sent) fs.writeSync(1, pcm.subarray(sent, due));
  sent = Math.max(sent, due);
  if (sent >= pcm.length) clearInterval(tick);
}, 20);
`;

export class PipeSource implements CaptureSource {
  readonly realtime = true;
  readonly sides: Side[];
  private child: ChildProcess | null = null;
  private readonly file: string;

  constructor(readonly side: Side, samples: Float32Array, dir: string, readonly label = `pipe ${side}`) {
    this.sides = [side];
    const pcm = Buffer.alloc(samples.length * 2);
    for (let i = 0; i < samples.length; i++) pcm.writeInt16LE(Math.max(-32768, Math.min(32767, Math.round(samples[i] * 32767))), i * 2);
    this.file = join(dir, `pipe-${side}.s16`);
    writeFileSync(this.file, pcm);
  }

  async start(h: CaptureHandlers): Promise<void> {
    const child = spawn(process.execPath, ['-e', WRITER, this.file], { stdio: ['ignore', 'pipe', 'inherit'] });
    this.child = child;
    let carry = Buffer.alloc(0);
    child.stdout!.on('data', (d: Buffer) => {
      const buf = carry.length ? Buffer.concat([carry, d]) : d;
      const even = buf.length & ~1;
      carry = Buffer.from(buf.subarray(even));
      if (even) h.onData(this.side, int16ToFloat(buf.subarray(0, even)));
    });
    child.on('close', () => h.onEnd?.());
  }

  async stop(): Promise<void> {
    this.child?.kill();
  }
}
