// IPC payloads for the fuzz harness: every method of the engine contract
// (through checkRequest, what the engine runs on every message) and of the
// shell's contract (its validators, what main runs before acting), starting
// from a valid call and broken one field, key or envelope part at a time.
// A payload must give a validated call or a one-line CandorError whose
// message stays short however big the input was.
import { APP_METHOD_NAMES, APP_METHODS, type AppMethod } from '../../src-main/contract/app-api';
import { ENGINE_METHOD_NAMES, ENGINE_METHODS, LIMITS, type EngineMethod, type Role } from '../../src-main/contract/engine-api';
import { CandorError } from '../../src-main/contract/errors';
import { checkRequest } from '../../src-main/contract/rpc';
import type { Rng } from './mutate';

export const ENGINE_BASE: Record<EngineMethod, unknown> = {
  status: undefined,
  snapshot: undefined,
  startCall: { title: 'weekly sync', capture: 'push', sampleRate: 48000 },
  stopCall: undefined,
  pushAudio: { side: 'me', pcm: new Float32Array(160) },
  pushVideoFrame: { width: 16, height: 16, rgba: new Uint8Array(16 * 16 * 4), t: 1.5 },
  listCalls: { limit: 10, offset: 0 },
  searchCalls: { query: 'budget', limit: 5 },
  getCall: { id: 1 },
  updateCall: { id: 1, title: 'renamed', notes: 'notes' },
  deleteCalls: { ids: [1, 2] },
  trends: { weeks: 4 },
  getSettings: undefined,
  updateSettings: { keepAudio: true, retentionDays: 30, nudges: { paused: false, muted: ['pace'] }, capture: { mic: null }, hud: { x: 10, y: 20, clickThrough: false } },
  listDevices: undefined,
  exportToFile: { ids: 'all', format: 'json', path: '/tmp/export.json' },
  transcriptInfo: { path: '/tmp/call.vtt' },
  importCall: { importId: 'import-1', audio: '/tmp/call.m4a', transcript: '/tmp/call.vtt', me: 'Ana', title: 'weekly sync' },
  cancelImport: { importId: 'import-1' },
  shutdown: undefined,
};

export const APP_BASE: Record<AppMethod, unknown> = {
  info: undefined,
  openHistory: { view: 'list', callId: 1 },
  showHud: undefined,
  hideHud: undefined,
  setClickThrough: { enabled: true },
  exportCalls: { ids: [1], format: 'csv' },
  permissions: { request: false },
  importCall: { importId: 'import-1', audio: '/tmp/call.m4a', transcript: '/tmp/call.vtt', me: 'Ana', title: 'weekly sync' },
  chooseCallFiles: { folder: false },
  dropCallFiles: { paths: ['/tmp/call.m4a', '/tmp/call.vtt'] },
};

const int = (rng: Rng, n: number): number => Math.floor(rng() * n);
const pick = <T>(rng: Rng, list: readonly T[]): T => list[int(rng, list.length)];

function deep(n: number): unknown {
  let v: unknown = 1;
  for (let i = 0; i < n; i++) v = { a: v };
  return v;
}

/** Values that break validators: wrong types, extremes, huge sizes. Built lazily (some are big). */
const HOSTILE: (() => unknown)[] = [
  () => undefined, () => null, () => true, () => 0, () => -1, () => -0, () => 1.5, () => 1e308, () => -1e308,
  () => NaN, () => Infinity, () => -Infinity, () => 2 ** 53, () => -(2 ** 53), () => 2 ** 31, () => 10n,
  () => '', () => ' ', () => '\n\r\u0000', () => 'all', () => 'x'.repeat(1 << 20), () => '\u{1F600}'.repeat(300), () => '../../etc/passwd',
  () => [], () => [1, 2, 3], () => new Array(20_000).fill(1), () => [null], () => ['all'], () => [0], () => [-1], () => [1.5],
  () => ({}), () => deep(2000), () => ({ __proto__: { id: 1 } }), () => Object.create(null),
  () => new Float32Array(0), () => new Float32Array(200_000), () => new Uint8Array(1024), () => new Float64Array(10),
  () => new Date(0), () => new Map([[1, 2]]), () => new ArrayBuffer(8),
];
const KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'k'.repeat(100_000), '', 'id', 'ids', 'path'];

export interface PayloadCase {
  surface: 'engine' | 'app';
  method: string;
  /** engine: who sends it. */
  role?: Role;
  /** engine: the whole wire message; app: the payload. */
  message: unknown;
}

function mutateValue(base: unknown, rng: Rng): unknown {
  if (base === undefined || rng() < 0.15) return pick(rng, HOSTILE)();
  if (typeof base !== 'object' || base === null || ArrayBuffer.isView(base)) return pick(rng, HOSTILE)();
  const o: Record<string, unknown> = Array.isArray(base) ? ([...base] as unknown as Record<string, unknown>) : { ...(base as Record<string, unknown>) };
  const keys = Object.keys(o);
  const kind = int(rng, 4);
  if (kind === 0 || keys.length === 0) {
    Object.defineProperty(o, pick(rng, KEYS), { value: pick(rng, HOSTILE)(), enumerable: true, configurable: true, writable: true });
  } else if (kind === 1) {
    delete o[pick(rng, keys)];
  } else {
    const k = pick(rng, keys);
    o[k] = kind === 2 ? pick(rng, HOSTILE)() : mutateValue(o[k], rng);
  }
  return o;
}

export function generatePayload(rng: Rng): PayloadCase {
  if (rng() < 0.3) {
    const method = pick(rng, APP_METHOD_NAMES);
    return { surface: 'app', method, message: rng() < 0.1 ? APP_BASE[method] : mutateValue(APP_BASE[method], rng) };
  }
  const method = pick(rng, ENGINE_METHOD_NAMES);
  const spec = ENGINE_METHODS[method];
  const msg: Record<string, unknown> = spec.oneWay ? { t: 'send', m: method } : { t: 'req', id: 1 + int(rng, 1000), m: method };
  if (ENGINE_BASE[method] !== undefined) msg.p = ENGINE_BASE[method];
  const part = int(rng, 10);
  if (part < 7) msg.p = mutateValue(msg.p, rng);
  else if (part === 7) msg.t = pick(rng, ['req', 'send', 'res', 'evt', '', 1, null]);
  else if (part === 8) msg.id = pick(rng, HOSTILE)();
  else msg.m = pick(rng, ['__proto__', 'constructor', 'hasOwnProperty', 'x'.repeat(100_000), '', 7, null, 'shutdown', 'exportToFile']);
  return { surface: 'engine', method, role: rng() < 0.8 ? 'window' : 'main', message: rng() < 0.02 ? pick(rng, HOSTILE)() : msg };
}

// ---- a lossless text form, for regression files -------------------------

export function encodePayload(c: PayloadCase): Uint8Array {
  const seen = new Set<unknown>();
  const enc = (v: unknown): unknown => {
    if (v === undefined) return { $: 'undefined' };
    if (typeof v === 'number') return Number.isFinite(v) && !Object.is(v, -0) ? v : { $: 'number', v: String(Object.is(v, -0) ? '-0' : v) };
    if (typeof v === 'bigint') return { $: 'bigint', v: String(v) };
    if (typeof v !== 'object' || v === null) return v;
    if (seen.has(v)) return { $: 'cycle' };
    seen.add(v);
    try {
      if (v instanceof Float32Array) return { $: 'f32', n: v.length };
      if (v instanceof Float64Array) return { $: 'f64', n: v.length };
      if (v instanceof Uint8Array) return { $: 'u8', n: v.length };
      if (v instanceof ArrayBuffer) return { $: 'ab', n: v.byteLength };
      if (v instanceof Date) return { $: 'date', v: v.getTime() };
      if (v instanceof Map) return { $: 'map', v: [...v].map(([a, b]) => [enc(a), enc(b)]) };
      if (Array.isArray(v)) return v.map(enc);
      const out: Record<string, unknown> = { $: Object.getPrototypeOf(v) === null ? 'nullproto' : 'object', keys: [] as unknown[] };
      (out.keys as unknown[]).push(...Object.keys(v).map((k) => [k, enc((v as Record<string, unknown>)[k])]));
      const proto = Object.getPrototypeOf(v);
      if (proto && proto !== Object.prototype) out.proto = enc(proto);
      return out;
    } finally {
      seen.delete(v);
    }
  };
  return new TextEncoder().encode(JSON.stringify({ surface: c.surface, method: c.method, role: c.role, message: enc(c.message) }));
}

export function decodePayload(bytes: Uint8Array): PayloadCase {
  const dec = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(dec);
    if (typeof v !== 'object' || v === null) return v;
    const t = v as { $: string; v?: unknown; n?: number; keys?: [string, unknown][]; proto?: unknown };
    switch (t.$) {
      case 'undefined': return undefined;
      case 'number': return Number(t.v);
      case 'bigint': return BigInt(t.v as string);
      case 'f32': return new Float32Array(t.n!);
      case 'f64': return new Float64Array(t.n!);
      case 'u8': return new Uint8Array(t.n!);
      case 'ab': return new ArrayBuffer(t.n!);
      case 'date': return new Date(t.v as number);
      case 'map': return new Map((t.v as [unknown, unknown][]).map(([a, b]) => [dec(a), dec(b)]));
      case 'cycle': return null;
      default: {
        const o: Record<string, unknown> = t.$ === 'nullproto' ? Object.create(null) : t.proto ? Object.create(dec(t.proto) as object) : {};
        for (const [k, x] of t.keys ?? []) Object.defineProperty(o, k, { value: dec(x), enumerable: true, configurable: true, writable: true });
        return o;
      }
    }
  };
  const raw = JSON.parse(new TextDecoder().decode(bytes)) as PayloadCase;
  return { ...raw, message: dec(raw.message) };
}

// ---- the check ---------------------------------------------------------

const MAX_MESSAGE = 600;

function checkError(err: unknown, where: string): void {
  if (!(err instanceof CandorError)) throw new Error(`${where}: threw ${String((err as Error)?.stack ?? err)}`);
  if (err.message.includes('\n') || err.message.length > MAX_MESSAGE) {
    throw new Error(`${where}: a CandorError that is not one short line (${err.message.length} chars): ${err.message.slice(0, 200)}`);
  }
}

/** Strings the validators let through stay within the contract's limits. */
function checkAccepted(method: string, payload: unknown): void {
  const strings: string[] = [];
  const walk = (v: unknown, depth: number): void => {
    if (depth > 4) throw new Error(`${method}: a validated payload nests deeper than the contract allows`);
    if (typeof v === 'string') strings.push(v);
    else if (Array.isArray(v)) {
      if (v.length > LIMITS.ids) throw new Error(`${method}: a validated array of ${v.length} items`);
      v.forEach((x) => walk(x, depth + 1));
    } else if (v && typeof v === 'object' && !ArrayBuffer.isView(v)) Object.values(v).forEach((x) => walk(x, depth + 1));
  };
  walk(payload, 0);
  const longest = Math.max(0, ...strings.map((s) => s.length));
  if (longest > Math.max(LIMITS.notesLength, LIMITS.pathLength)) throw new Error(`${method}: a validated string of ${longest} characters`);
}

export function runPayload(c: PayloadCase): void {
  if (c.surface === 'app') {
    const spec = (APP_METHODS as Record<string, { validate(v: unknown): unknown }>)[c.method];
    let payload: unknown;
    try {
      payload = spec.validate(c.message);
    } catch (err) {
      checkError(err, `app ${c.method}`);
      return;
    }
    checkAccepted(c.method, payload);
    return;
  }
  let r: ReturnType<typeof checkRequest>;
  try {
    r = checkRequest(c.message, ENGINE_METHODS, c.role ?? 'window');
  } catch (err) {
    throw new Error(`engine ${c.method}: checkRequest threw instead of refusing: ${String((err as Error)?.stack ?? err)}`);
  }
  if (!r.ok) {
    checkError(r.error, `engine ${c.method}`);
    return;
  }
  if (!(r.method in ENGINE_METHODS)) throw new Error(`engine: accepted unknown method ${r.method}`);
  checkAccepted(r.method, r.payload);
}
