// TEST-ONLY: a real-time capture device as the engine sees parec: a child
// process writes 16-bit PCM into a pipe at the pace of the wall clock, and
// the session reads the pipe on its tick (readNow), through the product's
// PcmPipe. When the reader stalls, the pipe holds the backlog; were it
// full, the child would wait and then write the rest at once (PulseAudio
// holds a stalled reader's audio the same way).
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openPipe } from '../../native/lib/index';
import type { Side } from '../../src-main/contract/report';
import type { CaptureHandlers, CaptureSource } from '../../src-main/engine/capture/capture-source';
import { PcmPipe } from '../../src-main/engine/capture/pcm-pipe';

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

  private pipe: PcmPipe | null = null;
  private handlers: CaptureHandlers | null = null;

  async start(h: CaptureHandlers): Promise<void> {
    const ends = openPipe(1 << 20);
    this.child = spawn(process.execPath, ['-e', WRITER, this.file], { stdio: ['ignore', ends.writeFd, 'inherit'] });
    closeSync(ends.writeFd);
    this.pipe = new PcmPipe(ends.readFd);
    this.handlers = h;
  }

  readNow(): void {
    const { pipe, handlers } = this;
    if (!pipe || !handlers) return;
    pipe.drain((samples) => handlers.onData(this.side, samples));
    if (pipe.ended) {
      pipe.close();
      this.pipe = null;
      handlers.onEnd?.();
    }
  }

  async stop(): Promise<void> {
    this.child?.kill();
    this.pipe?.close();
    this.pipe = null;
  }
}
