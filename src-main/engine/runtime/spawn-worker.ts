// Starts a worker thread from a module next to the caller, in the flavour
// that exists: `name.js` in a built app, `name.ts` under tsx (tests, the
// CLI). A .ts worker is started through a tiny bootstrap that registers
// tsx's loader in the new thread first: Node 20 does not carry --import
// hooks into workers.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** The worker module `name` (without extension) beside `base` (an import.meta.url). */
export function workerModuleUrl(name: string, base: string): URL {
  const js = new URL(`./${name}.js`, base);
  return existsSync(fileURLToPath(js)) ? js : new URL(`./${name}.ts`, base);
}

export function spawnWorker(url: URL, opts: Omit<WorkerOptions, 'eval'> = {}): Worker {
  if (!url.pathname.endsWith('.ts')) return new Worker(url, opts);
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(url.href)}); })`;
  return new Worker(boot, { ...opts, eval: true });
}
