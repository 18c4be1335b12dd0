// npm run fuzz -- [--count N] [--seed S] [--target wav,opus,...] [--timeout ms] [--memory MB]
// Mutates N inputs per target (default: the CI counts) from seed S (default:
// each target's CI seed) and prints one line per target. Failing inputs are
// kept under tests/fuzz/regressions/<target>/ and replayed by the test suite.
import { parseArgs } from 'node:util';
import { FUZZ_COUNTS, FUZZ_SEEDS } from './counts';
import { runFuzz } from './harness';
import { TARGETS } from './targets';

const { values } = parseArgs({
  options: { count: { type: 'string' }, seed: { type: 'string' }, target: { type: 'string' }, timeout: { type: 'string' }, memory: { type: 'string' } },
});
const targets = values.target ? values.target.split(',') : Object.keys(TARGETS);
const num = (v: string | undefined, name: string): number | undefined => {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number, not "${v}"`);
  return n;
};
let failed = 0;
let total = 0;
for (const target of targets) {
  const s = await runFuzz({
    target,
    count: num(values.count, 'count') ?? FUZZ_COUNTS[target] ?? 1000,
    seed: num(values.seed, 'seed') ?? FUZZ_SEEDS[target] ?? 1,
    timeoutMs: num(values.timeout, 'timeout'),
    memoryMb: num(values.memory, 'memory'),
  });
  total += s.inputs;
  failed += s.failures.length;
  console.log(JSON.stringify({ ...s, failures: s.failures.length }));
  for (const f of s.failures) console.log(`  ${f.kind} at input ${f.i}: ${f.message}${f.file ? `\n    kept as ${f.file}` : ''}`);
}
console.log(`fuzz: ${total} inputs, ${failed} failures`);
process.exitCode = failed ? 1 : 0;
