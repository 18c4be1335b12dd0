// candor models [list] [--json]
// candor models fetch [name ...] [--all] [--trust-on-first-download]
// candor models verify [name ...]
// The only place Candor downloads anything. Analysis and live calls only
// resolve models that are already here.
import { CandorError } from '../../contract/errors';
import { installModel } from '../../engine/models/install';
import { defaultAsrModel, isMultiFile, loadManifest, manifestEntry, type ModelEntry } from '../../engine/models/manifest';
import { stderrProgress } from '../../engine/models/progress';
import { modelStatus } from '../../engine/models/resolve';
import { modelDirStatus } from '../../engine/models/resolve-dir';
import { modelsDir } from '../../engine/store/paths';
import { parse } from '../args';
import type { Command } from '../command';
import { UsageError } from '../errors';

const usage = 'candor models [list] [--json]\n' +
  '       candor models fetch [name ...] [--all] [--trust-on-first-download]\n' +
  '       candor models verify [name ...]';

interface Row {
  name: string;
  kind: string;
  required: boolean;
  status: 'ok' | 'missing' | 'corrupt' | 'untrusted';
  where: string;
}

function statusOf(e: ModelEntry): Row {
  const base = { name: e.name, kind: e.kind, required: e.required === true };
  if (isMultiFile(e)) {
    const s = modelDirStatus(e.name);
    if (s.status === 'ok') return { ...base, status: 'ok', where: s.dir };
    if (s.status === 'missing') return { ...base, status: 'missing', where: s.looked[0] };
    if (s.status === 'untrusted') return { ...base, status: 'untrusted', where: `${s.root} (no sha256 for ${s.files.length} file(s))` };
    return { ...base, status: 'corrupt', where: s.path };
  }
  const s = modelStatus(e.name);
  if (s.status === 'ok') return { ...base, status: 'ok', where: s.path };
  if (s.status === 'missing') return { ...base, status: 'missing', where: s.looked[0] };
  return { ...base, status: 'corrupt', where: s.path };
}

function pick(names: string[], all: boolean): ModelEntry[] {
  if (names.length) return names.map((n) => manifestEntry(n));
  const entries = loadManifest();
  if (all) return entries;
  const asr = defaultAsrModel(entries);
  return entries.filter((e) => !isMultiFile(e) || e === asr);
}

function printRows(rows: Row[]): void {
  const w = [0, 1, 2].map((i) => Math.max(...rows.map((r) => [r.name, r.kind, r.status][i].length)));
  for (const r of rows) process.stdout.write(`  ${r.name.padEnd(w[0])}  ${r.kind.padEnd(w[1])}  ${r.status.padEnd(w[2])}  ${r.where}\n`);
}

async function fetchModels(entries: ModelEntry[], trust: boolean): Promise<number> {
  process.stderr.write(`models folder: ${modelsDir()}\n`);
  let failed = 0;
  for (const e of entries) {
    process.stderr.write(`${e.name}:\n`);
    try {
      let bar: ReturnType<typeof stderrProgress> | null = null;
      let barFile = '';
      await installModel(e, {
        trustOnFirstDownload: trust,
        onProgress: (file, done, total) => {
          if (file !== barFile) {
            bar?.end();
            bar = stderrProgress(`  ${file}`);
            barFile = file;
          }
          bar!.update(done, total);
        },
        onFile: (file, what) => {
          bar?.end();
          bar = null;
          barFile = '';
          process.stderr.write(`  ${file}: ${what}\n`);
        },
      });
    } catch (err) {
      if (!(err instanceof CandorError)) throw err;
      failed++;
      process.stderr.write(`  refused: ${err.message}\n${err.hint ? `  ${err.hint}\n` : ''}`);
    }
  }
  return failed ? 1 : 0;
}

export const modelsCommand: Command = {
  name: 'models',
  summary: 'list, download (`fetch`) or check (`verify`) the on-device models',
  usage,
  async run(argv) {
    const { values, positionals } = parse(argv, {
      json: { type: 'boolean' },
      all: { type: 'boolean' },
      'trust-on-first-download': { type: 'boolean' },
    });
    const [sub = 'list', ...names] = positionals;
    if (sub === 'fetch') return fetchModels(pick(names, values.all === true), values['trust-on-first-download'] === true);
    if (sub !== 'list' && sub !== 'verify') throw new UsageError(`unknown models command "${sub}"`);
    const rows = (names.length ? names.map((n) => manifestEntry(n)) : loadManifest()).map(statusOf);
    if (values.json) process.stdout.write(JSON.stringify(rows) + '\n');
    else printRows(rows);
    if (sub === 'list') return 0;
    const bad = rows.filter((r) => r.status === 'corrupt' || r.status === 'untrusted' || (r.status === 'missing' && (r.required || names.length > 0)));
    if (bad.length) process.stderr.write(`candor: ${bad.map((r) => `${r.name} is ${r.status}`).join('; ')}\n  Run \`npm run models\` to repair.\n`);
    return bad.length ? 1 : 0;
  },
};
