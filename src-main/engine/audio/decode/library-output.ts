// The decoder libraries (libopus, libFLAC, mpg123 compiled to wasm) print
// their complaints with console.error. Those lines must not reach the user's
// terminal: they are caught here and counted into Candor's own error or a
// note in the report. The libraries decode synchronously, so catching the
// console only for the length of one synchronous call catches their lines
// and nothing else.

const CONSOLE_METHODS = ['error', 'warn', 'log', 'info'] as const;

export interface Caught<T> {
  value: T;
  /** What the library printed during the call, one entry per line it wrote. */
  lines: string[];
}

export function catchLibraryOutput<T>(fn: () => T): Caught<T> {
  const lines: string[] = [];
  const saved = CONSOLE_METHODS.map((m) => console[m]);
  const collect = (...args: unknown[]): void => {
    lines.push(args.map((a) => (typeof a === 'string' ? a : a instanceof Error ? a.message : String(a))).join(' ').replace(/\s+/g, ' ').trim());
  };
  for (const m of CONSOLE_METHODS) console[m] = collect;
  try {
    return { value: fn(), lines };
  } finally {
    CONSOLE_METHODS.forEach((m, i) => (console[m] = saved[i]));
  }
}
