// The one translation of the operating system's file errors (ENOENT,
// EACCES, ENOSPC, ...) into CandorErrors that name the file, the problem and
// the way out, instead of a stack trace.
import { dirname } from 'node:path';
import { CandorError } from '../contract/errors';

export type FileAction = 'read' | 'write';

/** The errno code of a system error, or null for anything else. */
export function errnoCode(err: unknown): string | null {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' && /^E[A-Z0-9]+$/.test(code) ? code : null;
}

export function fileError(err: unknown, path: string, action: FileAction): CandorError {
  if (err instanceof CandorError) return err;
  const code = errnoCode(err);
  const cause = { cause: err };
  switch (code) {
    case 'ENOENT':
      return action === 'read'
        ? new CandorError('FILE_NOT_FOUND', `${path} does not exist`, 'Check the path and try again.', cause)
        : new CandorError('FILE_NOT_FOUND', `cannot write ${path}: the folder ${dirname(path)} does not exist`, 'Create the folder first, or pick a path in a folder that exists.', cause);
    case 'ENOTDIR':
      return new CandorError('FILE_NOT_FOUND', `cannot ${action} ${path}: a part of the path is a file, not a folder`, 'Check the path and try again.', cause);
    case 'EACCES':
    case 'EPERM':
      return new CandorError('PERMISSION_DENIED', `no permission to ${action} ${path}`,
        action === 'read' ? 'Check the file permissions (`ls -l`), or copy the file somewhere you can read it.' : 'Pick a folder you can write to, or check its permissions.', cause);
    case 'EROFS':
      return new CandorError('PERMISSION_DENIED', `cannot write ${path}: it is on a read-only file system`, 'Pick a path on a writable disk.', cause);
    case 'ENOSPC':
    case 'EDQUOT':
      return new CandorError('DISK_FULL', `cannot write ${path}: no space left on the device`, 'Free some disk space, or write to another disk.', cause);
    case 'EISDIR':
      return new CandorError('BAD_ARGUMENT', `${path} is a folder, not a file`, action === 'read' ? 'Pass the path of a file.' : 'Give a file name inside the folder.', cause);
    case 'EMFILE':
    case 'ENFILE':
      return new CandorError('INTERNAL', `cannot ${action} ${path}: too many files are open`, 'Close some programs and try again.', cause);
    case 'EIO':
      return new CandorError('INTERNAL', `cannot ${action} ${path}: the device reported an input/output error`, 'Check the disk (it may be failing or disconnected) and try again.', cause);
    default: {
      const what = (err as Error | null)?.message ?? String(err);
      return new CandorError('INTERNAL', `cannot ${action} ${path}: ${what.split('\n')[0]}`, 'Check the path and the disk, and try again.', cause);
    }
  }
}

/** Where the command's own output goes (stdout) failed: a full device, or a reader that went away. */
export function outputError(err: unknown): CandorError {
  const code = errnoCode(err);
  if (code === 'EPIPE') {
    return new CandorError('INTERNAL', 'the output was closed before everything was written (EPIPE)', 'The program reading Candor\'s output stopped early; run the command again without it, or with --out <file>.', { cause: err });
  }
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new CandorError('DISK_FULL', 'cannot write the output: no space left on the device', 'Free some disk space, or send the output to another disk.', { cause: err });
  }
  return fileError(err, 'the output', 'write');
}
