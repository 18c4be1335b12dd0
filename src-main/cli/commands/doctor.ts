// candor doctor [--json]
// What this machine offers Candor and what is missing: platform, SIMD level
// of the native addon, onnxruntime execution providers (available, chosen,
// and why others were skipped), model files with their sha256 status, audio
// devices, and the database: checked in full (read-only), with its
// automatic backups and what to do when it is damaged. --restore and
// --move-aside do that. Exit code 1 when something Candor needs is broken
// (native addon, a required model, a damaged database).
import { arch, cpus, platform, release } from 'node:os';
import { capabilities, loadedNativePath } from '../../../native/lib/index';
import { CandorError } from '../../contract/errors';
import { isMultiFile, loadManifest } from '../../engine/models/manifest';
import { listPulseDevices } from '../../engine/capture/pulse';
import { modelStatus } from '../../engine/models/resolve';
import { modelDirStatus } from '../../engine/models/resolve-dir';
import { availableProviders, createSession, type FallbackReason, type ProviderStatus } from '../../engine/runtime/providers';
import { moveAside } from '../../engine/store/backups';
import { checkDatabase, restoreNewestBackup, type DatabaseHealth } from '../../engine/store/health';
import { defaultDbPath } from '../../engine/store/paths';
import { parse } from '../args';
import type { Command } from '../command';
import { UsageError } from '../errors';


interface ModelRow { name: string; kind: string; required: boolean; status: string; path?: string }

export interface DoctorReport {
  platform: { os: string; release: string; arch: string; node: string; cpu: string; cores: number };
  native: { ok: true; path?: string; simd: string; best: string; available: string[]; forced: string | null } | { ok: false; error: string; hint?: string };
  providers: { available: ProviderStatus[]; chosen: string | null; fallbackReasons: FallbackReason[]; probedWith?: string; note?: string };
  models: ModelRow[];
  audio: { tool: string | null; sources: string[]; sinks: string[]; note?: string };
  database: DatabaseHealth;
}

function nativeInfo(): DoctorReport['native'] {
  try {
    const c = capabilities();
    return { ok: true, path: loadedNativePath(), simd: c.active, best: c.best, available: c.available, forced: c.env };
  } catch (err) {
    return { ok: false, error: (err as Error).message, hint: err instanceof CandorError ? err.hint : undefined };
  }
}

function models(): ModelRow[] {
  return loadManifest().map((e) => {
    const base = { name: e.name, kind: e.kind, required: e.required === true };
    if (isMultiFile(e)) {
      const s = modelDirStatus(e.name);
      return { ...base, status: s.status, path: s.status === 'ok' ? s.dir : s.status === 'missing' ? undefined : 'root' in s ? s.root : s.path };
    }
    const s = modelStatus(e.name);
    return { ...base, status: s.status === 'ok' ? 'ok (sha256 verified)' : s.status === 'corrupt' ? `corrupt (sha256 ${s.actual.slice(0, 12)}...)` : 'missing', path: s.status === 'missing' ? undefined : s.path };
  });
}

/** Creates one real session (the smallest model present) to see which provider wins. */
async function providers(rows: ModelRow[]): Promise<DoctorReport['providers']> {
  const available = availableProviders();
  const probe = ['yunet-320', 'silero-vad-v6', 'yunet-dynamic'].find((n) => rows.some((r) => r.name === n && r.status.startsWith('ok')));
  if (!probe) return { available, chosen: null, fallbackReasons: [], note: 'no model installed to probe with (run `npm run models`)' };
  const path = rows.find((r) => r.name === probe)!.path!;
  try {
    const r = await createSession(path);
    await r.session.release();
    return { available, chosen: r.provider, fallbackReasons: r.fallbackReasons, probedWith: probe };
  } catch (err) {
    return { available, chosen: null, fallbackReasons: [], probedWith: probe, note: (err as Error).message };
  }
}

async function audio(): Promise<DoctorReport['audio']> {
  if (process.platform !== 'linux') return { tool: null, sources: [], sinks: [], note: `not listed on ${process.platform}; the app's device picker shows them` };
  try {
    const d = listPulseDevices();
    return { tool: 'pactl', sources: d.sources, sinks: d.sinks };
  } catch (err) {
    return { tool: null, sources: [], sinks: [], note: `none found: ${(err as Error).message}` };
  }
}

export async function doctorReport(dbPath = defaultDbPath()): Promise<DoctorReport> {
  const rows = models();
  const c = cpus();
  return {
    platform: { os: platform(), release: release(), arch: arch(), node: process.version, cpu: c[0]?.model.trim() ?? 'unknown', cores: c.length },
    native: nativeInfo(),
    providers: await providers(rows),
    models: rows,
    audio: await audio(),
    database: checkDatabase(dbPath),
  };
}

function text(r: DoctorReport): string {
  const out = [`platform   ${r.platform.os} ${r.platform.release} ${r.platform.arch}, node ${r.platform.node}, ${r.platform.cores} x ${r.platform.cpu}`];
  out.push(r.native.ok
    ? `native     ok, SIMD ${r.native.simd} (best ${r.native.best}; available ${r.native.available.join(', ')})${r.native.forced ? `, CANDOR_SIMD=${r.native.forced}` : ''}`
    : `native     NOT AVAILABLE: ${r.native.error}\n           ${r.native.hint ?? ''}`);
  out.push(`providers  chosen: ${r.providers.chosen ?? 'none'}${r.providers.probedWith ? ` (probed with ${r.providers.probedWith})` : ''}${r.providers.note ? `; ${r.providers.note}` : ''}`);
  for (const p of r.providers.available) out.push(`           ${p.name.padEnd(7)}${p.available ? 'available' : `unavailable: ${p.reason}`}`);
  const listed = new Set(r.providers.available.map((p) => `${p.name}:${p.reason}`));
  for (const f of r.providers.fallbackReasons) {
    if (!listed.has(`${f.provider}:${f.reason}`)) out.push(`           ${f.provider.padEnd(7)}failed: ${f.reason}`);
  }
  out.push('models');
  const w = Math.max(...r.models.map((m) => m.name.length));
  for (const m of r.models) out.push(`           ${m.name.padEnd(w)}  ${m.status}${m.required ? ' (required)' : ''}${m.path ? `  ${m.path}` : ''}`);
  out.push(r.audio.tool
    ? `audio      sources: ${r.audio.sources.join(', ') || 'none'}\n           sinks: ${r.audio.sinks.join(', ') || 'none'}`
    : `audio      ${r.audio.note}`);
  out.push(...databaseText(r.database));
  return out.join('\n');
}

function databaseText(d: DatabaseHealth): string[] {
  if (!d.exists) return [`database   ${d.path} (not created yet)`, ...d.advice.map((a) => `           ${a}`)];
  const what = d.status === 'ok' ? `ok, schema ${d.schema}, ${d.calls} call(s)` : d.status.toUpperCase();
  const out = [`database   ${d.path}: ${what}`];
  for (const p of d.problems) out.push(`           problem: ${p}`);
  const newest = d.backups[0];
  out.push(newest
    ? `           backups: ${d.backups.length}, newest ${newest.takenAt} (${newest.kind}${newest.sound ? '' : ', DAMAGED'}) in ${newest.path.replace(/[^/\\]+$/, '')}`
    : '           backups: none yet (one is made each day Candor opens a database with calls, and before an upgrade)');
  for (const a of d.advice) out.push(`           ${a}`);
  return out;
}

export const doctorCommand: Command = {
  name: 'doctor',
  summary: 'check this machine: SIMD, execution providers, models, audio devices, database',
  usage: 'candor doctor [--json] [--db path] [--restore | --move-aside]',
  async run(argv) {
    const { values } = parse(argv, { json: { type: 'boolean' }, db: { type: 'string' }, restore: { type: 'boolean' }, 'move-aside': { type: 'boolean' } }, false);
    const dbPath = values.db ?? defaultDbPath();
    if (values.restore && values['move-aside']) throw new UsageError('--restore or --move-aside, not both');
    if (values.restore) {
      const r = restoreNewestBackup(dbPath);
      process.stdout.write(`restored ${dbPath} from the backup taken ${r.restored.takenAt}${r.movedTo ? `; the previous file is kept as ${r.movedTo}` : ''}\n`);
      return 0;
    }
    if (values['move-aside']) {
      const to = moveAside(dbPath);
      process.stdout.write(`moved ${dbPath} aside to ${to}; Candor starts a new database on the next save\n`);
      return 0;
    }
    const r = await doctorReport(dbPath);
    process.stdout.write((values.json ? JSON.stringify(r, null, 2) : text(r)) + '\n');
    const broken = !r.native.ok || r.models.some((m) => m.required && !m.status.startsWith('ok')) || r.database.status === 'damaged';
    return broken ? 1 : 0;
  },
};
