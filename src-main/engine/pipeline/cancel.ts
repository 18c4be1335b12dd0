// Cancelling a long analysis: the one check and the one error for it.
import { CandorError } from '../../contract/errors';

export function cancelledError(what = 'the analysis'): CandorError {
  return new CandorError('CANCELLED', `${what} was cancelled`, 'Nothing was stored; add the call again when you want it.');
}

/** Throws CANCELLED once `signal` has been aborted. */
export function throwIfCancelled(signal: AbortSignal | undefined, what?: string): void {
  if (signal?.aborted) throw cancelledError(what);
}
