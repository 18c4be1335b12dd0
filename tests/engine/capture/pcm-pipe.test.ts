// PcmPipe: a recorder's 16-bit PCM read from its pipe when asked, whatever
// the sizes of the writes and reads.
import assert from 'node:assert/strict';
import { closeSync, writeSync } from 'node:fs';
import { test } from 'node:test';
import { openPipe } from '../../../native/lib/index';
import { PcmPipe } from '../../../src-main/engine/capture/pcm-pipe';

function pcm(values: number[]): Buffer {
  const b = Buffer.alloc(values.length * 2);
  values.forEach((v, i) => b.writeInt16LE(v, i * 2));
  return b;
}

function drainAll(pipe: PcmPipe): { blocks: number[]; samples: number[] } {
  const blocks: number[] = [];
  const samples: number[] = [];
  const n = pipe.drain((s) => {
    blocks.push(s.length);
    samples.push(...Array.from(s, (x) => Math.round(x * 32768)));
  });
  assert.equal(n, samples.length, 'drain counts what it passed on');
  return { blocks, samples };
}

test('a sample split between two writes comes out whole, after its second byte arrives', () => {
  const ends = openPipe(0);
  const pipe = new PcmPipe(ends.readFd);
  try {
    const bytes = pcm([1, -2, 300, -32768, 32767]);
    writeSync(ends.writeFd, bytes.subarray(0, 5)); // two samples and half of the third
    assert.deepEqual(drainAll(pipe).samples, [1, -2]);
    assert.deepEqual(drainAll(pipe).samples, [], 'nothing waiting: nothing passed on, nothing blocks');
    writeSync(ends.writeFd, bytes.subarray(5, 9)); // the rest of the third, the fourth, half of the fifth
    assert.deepEqual(drainAll(pipe).samples, [300, -32768]);
    writeSync(ends.writeFd, bytes.subarray(9));
    assert.deepEqual(drainAll(pipe).samples, [32767]);
    assert.equal(pipe.ended, false);
    closeSync(ends.writeFd);
    assert.deepEqual(drainAll(pipe).samples, []);
    assert.equal(pipe.ended, true, 'the writer closed and the pipe is empty');
  } finally {
    pipe.close();
    pipe.close(); // once only: a second close does not touch a descriptor that may be someone else's by now
  }
});

test('seconds of backlog (a stalled reader) come out in order, in blocks of at most 32,768 samples', () => {
  const ends = openPipe(1 << 20);
  const pipe = new PcmPipe(ends.readFd);
  try {
    const n = 16000 * 10; // 10 s of 16 kHz audio: more than a default 64 KiB pipe holds
    const values = Array.from({ length: n }, (_, i) => ((i * 7919) % 65536) - 32768);
    writeSync(ends.writeFd, pcm(values));
    const { blocks, samples } = drainAll(pipe);
    assert.equal(samples.length, n);
    assert.ok(samples.every((v, i) => v === values[i]), 'every sample, in order');
    assert.ok(blocks.every((b) => b <= 32768), `blocks ${blocks.join(', ')}`);
  } finally {
    pipe.close();
    closeSync(ends.writeFd);
  }
});
