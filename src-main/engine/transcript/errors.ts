// The one error shape of transcript import: "<file>:<line>: <problem>".
import { CandorError } from '../../contract/errors';

export function transcriptError(file: string, line: number | null, problem: string, hint?: string): CandorError {
  const where = line === null ? file : `${file}:${line}`;
  return new CandorError('TRANSCRIPT_INVALID', `${where}: ${problem}`, hint);
}

export function fmtSec(s: number): string {
  return `${Math.round(s * 1000) / 1000} s`;
}
