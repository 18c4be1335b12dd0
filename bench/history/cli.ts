// `npm run -s bench:history -- --calls 10000 --db PATH [--seed N] [--build-only]`
// Builds a synthetic history with the product's store (unless --reuse finds
// one of the same size at PATH), then measures it; prints one JSON document.
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { buildHistory } from './build-db';
import { measureHistory } from './measure';

const { values } = parseArgs({
  options: {
    calls: { type: 'string', default: '10000' },
    db: { type: 'string' },
    seed: { type: 'string', default: '1' },
    'build-only': { type: 'boolean', default: false },
    reuse: { type: 'boolean', default: false },
    'skip-export': { type: 'boolean', default: false },
    'skip-delete': { type: 'boolean', default: false },
  },
});
const calls = Number(values.calls);
if (!Number.isInteger(calls) || calls < 1) throw new Error(`--calls must be a whole number >= 1, not "${values.calls}"`);
const db = values.db ?? `/tmp/candor-bench-history-${calls}.db`;
let build: { calls: number; seconds: number } | null = null;
if (!(values.reuse && existsSync(db))) {
  build = buildHistory({
    calls, db, seed: Number(values.seed),
    onProgress: (done, total) => done % 1000 === 0 && process.stderr.write(`bench:history: built ${done}/${total} calls\n`),
  });
  process.stderr.write(`bench:history: built ${calls} calls in ${build.seconds.toFixed(1)} s at ${db}\n`);
}
const out: Record<string, unknown> = { db, build };
if (!values['build-only']) out.figures = await measureHistory(db, { skipExport: values['skip-export'], skipDelete: values['skip-delete'] });
console.log(JSON.stringify(out, null, 2));
