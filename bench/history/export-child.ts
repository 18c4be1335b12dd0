// Child process of the history bench: exports every call of DB to OUT in
// FORMAT, the way `candor history export --all --out` does, and prints how
// long the export itself took (the parent reads the peak RSS from /proc).
import { writeFileSync } from 'node:fs';
import type { ExportFormat } from '../../src-main/contract/calls';
import { CallStore } from '../../src-main/engine/store/calls-store';
import * as exportModule from '../../src-main/engine/store/export';

const [db, format, out] = process.argv.slice(2) as [string, ExportFormat, string];
const store = new CallStore(db, { readonly: true });
const t0 = performance.now();
let calls = 0;
try {
  const fileModule = await import('../../src-main/engine/store/export-file').catch(() => null);
  if (fileModule) calls = fileModule.exportToFile(store, 'all', format, out).calls;
  else {
    // Before streaming existed: the whole export as one string.
    const text = exportModule.exportCalls(store, 'all', format);
    writeFileSync(out, text);
    calls = -1;
  }
  console.log(JSON.stringify({ ok: true, seconds: (performance.now() - t0) / 1000, calls }));
} catch (err) {
  console.log(JSON.stringify({ ok: false, seconds: (performance.now() - t0) / 1000, error: (err as Error).message }));
}
store.close();
