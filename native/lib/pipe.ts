// A pipe for a child process's output that the engine reads when it chooses
// (native/src/pipe.cc). A stream on a child's stdout wakes the event loop for
// every write the child makes; a live call's recorders write ten times a
// second each, and on a virtual machine every wake-up costs more than the
// work it brings (issue 13). Read on the analysis tick instead, the same
// audio costs a quarter of the wake-ups, and a stalled reader finds up to
// `capacity` bytes waiting in the kernel.
import { CandorError } from '../../src-main/contract/errors';
import { invalidParameterError } from '../../src-main/contract/validate';
import { loadNative } from './loader';

/** Both ends of a pipe: give `writeFd` to a child (spawn's stdio), then close it here. */
export interface Pipe {
  readonly readFd: number;
  readonly writeFd: number;
  /** Bytes the kernel holds before the writer blocks; -1 where the system cannot say. */
  readonly capacity: number;
}

const MAX_CAPACITY = 1 << 30;

/**
 * Opens a pipe whose ends close on exec and whose read end never blocks. On
 * Linux it holds up to `capacityBytes` (capped by /proc/sys/fs/pipe-max-size,
 * 1 MiB by default); elsewhere the system's default.
 */
export function openPipe(capacityBytes: number): Pipe {
  if (!Number.isInteger(capacityBytes) || capacityBytes < 0 || capacityBytes > MAX_CAPACITY) {
    throw invalidParameterError('capacityBytes', `a whole number of bytes from 0 to ${MAX_CAPACITY}`, capacityBytes);
  }
  try {
    return loadNative().openPipe(capacityBytes);
  } catch (err) {
    if (err instanceof CandorError) throw err;
    throw new CandorError('CAPTURE_FAILED', `could not open a pipe for the recorder: ${(err as Error).message}`,
      'The system may be out of file descriptors: close some programs and try again.');
  }
}

/**
 * Reads what is waiting in the pipe into `buffer`: the number of bytes, 0
 * when nothing is waiting, -1 once every writer has closed it and it is empty.
 */
export function readPipe(fd: number, buffer: Buffer): number {
  if (!Number.isInteger(fd) || fd < 0) throw invalidParameterError('fd', 'an open file descriptor (a whole number from 0)', fd);
  if (!Buffer.isBuffer(buffer) || buffer.length === 0) throw invalidParameterError('buffer', 'a Buffer of at least one byte', buffer);
  try {
    return loadNative().readPipe(fd, buffer);
  } catch (err) {
    if (err instanceof CandorError) throw err;
    throw new CandorError('CAPTURE_FAILED', `reading the recorder's pipe failed: ${(err as Error).message}`,
      'Stop the recording and start it again; if it keeps failing, restart Candor.');
  }
}
