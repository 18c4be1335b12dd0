// What the fuzz harness and its worker thread say to each other, and how an
// input's own random stream is derived (so input i can be rebuilt alone).
import { mulberry32, type Rng } from './mutate';

export interface FuzzJob {
  target: string;
  seed: number;
  seedBytes: Uint8Array;
  from: number;
  to: number;
  workDir: string;
  memoryMb: number;
  /** Replay these files instead of generating inputs. */
  replay?: string[];
}

export type FromFuzzWorker =
  | { t: 'start'; i: number }
  | { t: 'ok'; i: number; candorError: boolean }
  | { t: 'fail'; i: number; kind: 'exception' | 'memory'; message: string }
  | { t: 'done' };

/** Input i of a run with this seed has its own random stream. */
export function inputRng(seed: number, i: number): Rng {
  return mulberry32((Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(i + 1, 0x85ebca6b)) >>> 0);
}
