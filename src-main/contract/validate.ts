// Small runtime checks in the style of sharp's lib/is: one message format,
// "Expected X for Y but received Z". Pure TS: used by the engine, main,
// preload and renderer alike.
import { CandorError } from './errors';

export const is = {
  defined: (v: unknown): boolean => v !== undefined && v !== null,
  object: (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v),
  string: (v: unknown): v is string => typeof v === 'string',
  bool: (v: unknown): v is boolean => typeof v === 'boolean',
  number: (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v),
  integer: (v: unknown): v is number => Number.isInteger(v),
  inRange: (v: number, lo: number, hi: number): boolean => v >= lo && v <= hi,
  inArray: <T>(v: unknown, list: readonly T[]): v is T => list.includes(v as T),
};

function describe(v: unknown): string {
  if (v === undefined) return 'undefined';
  if (v === null) return 'null';
  // Quoted as JSON: a line break or control character in the input stays out of the one-line message.
  if (typeof v === 'string') return JSON.stringify(v.length > 60 ? v.slice(0, 57) + '...' : v);
  if (Array.isArray(v)) return `an array of length ${v.length}`;
  if (ArrayBuffer.isView(v)) return `a ${v.constructor.name} of length ${(v as unknown as ArrayLike<number>).length}`;
  if (typeof v === 'object') return `an object`;
  return `${typeof v} ${String(v)}`;
}

/** The one error format for bad arguments. */
export function invalidParameterError(name: string, expected: string, actual: unknown): CandorError {
  return new CandorError('BAD_ARGUMENT', `Expected ${expected} for ${name} but received ${describe(actual)}`);
}

export function expectString(v: unknown, name: string, opts: { maxLength?: number; allowEmpty?: boolean } = {}): string {
  const max = opts.maxLength ?? 10_000;
  if (!is.string(v) || v.length > max || (!opts.allowEmpty && v.length === 0)) {
    throw invalidParameterError(name, `a ${opts.allowEmpty ? '' : 'non-empty '}string of at most ${max} characters`, v);
  }
  return v;
}

export function expectInteger(v: unknown, name: string, lo = Number.MIN_SAFE_INTEGER, hi = Number.MAX_SAFE_INTEGER): number {
  if (!is.integer(v) || !is.inRange(v as number, lo, hi)) throw invalidParameterError(name, `an integer between ${lo} and ${hi}`, v);
  return v as number;
}

export function expectNumber(v: unknown, name: string, lo = -Infinity, hi = Infinity): number {
  if (!is.number(v) || !is.inRange(v, lo, hi)) throw invalidParameterError(name, `a number between ${lo} and ${hi}`, v);
  return v;
}

export function expectBool(v: unknown, name: string): boolean {
  if (!is.bool(v)) throw invalidParameterError(name, 'a boolean', v);
  return v;
}

export function expectOneOf<T extends string>(v: unknown, list: readonly T[], name: string): T {
  if (!is.inArray(v, list)) throw invalidParameterError(name, `one of ${list.join(', ')}`, v);
  return v as T;
}

export function expectObject(v: unknown, name: string): Record<string, unknown> {
  if (!is.object(v)) throw invalidParameterError(name, 'an object', v);
  return v;
}
