// Errors that cross a boundary (engine -> CLI, engine -> main -> renderer).
// Every error carries a stable code the UI can act on, a message that names
// the problem, and a hint that names the way out.

export const ERROR_CODES = [
  'BAD_ARGUMENT',
  'AUDIO_EMPTY',
  'AUDIO_TRUNCATED',
  'AUDIO_CORRUPT',
  'AUDIO_UNSUPPORTED',
  'AUDIO_CHANNELS',
  'AUDIO_SAMPLE_RATE',
  'FFMPEG_MISSING',
  'FILE_NOT_FOUND',
  'MODEL_MISSING',
  'MODEL_CORRUPT',
  'DB_UNREADABLE',
  'DB_LOCKED',
  'DB_NEWER_SCHEMA',
  'DB_NOT_FOUND',
  'DISK_FULL',
  'DEVICE_MISSING',
  'PERMISSION_DENIED',
  'CAPTURE_FAILED',
  'CALL_NOT_FOUND',
  'TRANSCRIPT_INVALID',
  'IPC_INVALID',
  'NATIVE_UNAVAILABLE',
  /** The user cancelled (an import); nothing was stored. */
  'CANCELLED',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** The plain shape an error has on the wire. */
export interface SerializedError {
  name: string;
  message: string;
  code: ErrorCode;
  hint?: string;
  stack?: string;
}

export class CandorError extends Error {
  override readonly name = 'CandorError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** What the user can do about it. */
    readonly hint?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  /** Message and hint together, as a user reads them. */
  get userMessage(): string {
    return this.hint ? `${this.message}\n  ${this.hint}` : this.message;
  }
}

export function serializeError(err: unknown): SerializedError {
  if (err instanceof CandorError) {
    return { name: err.name, message: err.message, code: err.code, hint: err.hint, stack: err.stack };
  }
  if (err instanceof Error) {
    return { name: err.name, message: err.message, code: 'INTERNAL', stack: err.stack };
  }
  return { name: 'Error', message: String(err), code: 'INTERNAL' };
}

export function deserializeError(e: SerializedError, context?: string): CandorError {
  const err = new CandorError(e.code, context ? `${context}: ${e.message}` : e.message, e.hint);
  if (e.stack) err.stack = e.stack;
  return err;
}

export function isSerializedError(v: unknown): v is SerializedError {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as SerializedError).message === 'string' &&
    (ERROR_CODES as readonly string[]).includes((v as SerializedError).code)
  );
}
