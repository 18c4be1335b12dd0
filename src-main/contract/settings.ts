// The user's settings: kept by the engine in the `settings` table (one JSON
// value per top-level key), edited by the history window, read by main for
// the HUD's position. Every patch is validated key by key; unknown keys are
// refused, so a renderer cannot smuggle anything into the store.
import { expectBool, expectInteger, expectObject, expectOneOf, expectString, invalidParameterError, is } from './validate';

export const NUDGE_KINDS = ['let-them-talk', 'slow-down', 'ask-a-question', 'pause-before-answering'] as const;
export type NudgeKind = (typeof NUDGE_KINDS)[number];

export interface Settings {
  consent: { accepted: boolean; at: string | null };
  /** Calls older than this many days are deleted for good; 0 keeps every call. */
  retentionDays: number;
  /** Keep the call's audio next to its figures (off by default: only figures are kept). */
  keepAudio: boolean;
  nudges: { paused: boolean; muted: NudgeKind[] };
  /** Capture devices by id; null = the system default. */
  capture: { mic: string | null; system: string | null };
  hud: { x: number | null; y: number | null; clickThrough: boolean };
  /** Noticing calls: another app starts using the microphone (Linux: PulseAudio/PipeWire). */
  callDetection: { notice: boolean; autoStart: boolean };
  /** Transcript speaker names the user said were "me" when adding calls, most recent first. */
  meNames: string[];
}

export type SettingsPatch = {
  consent?: { accepted: boolean };
  retentionDays?: number;
  keepAudio?: boolean;
  nudges?: Partial<Settings['nudges']>;
  capture?: Partial<Settings['capture']>;
  hud?: Partial<Settings['hud']>;
  callDetection?: Partial<Settings['callDetection']>;
  meNames?: string[];
};

export const MAX_RETENTION_DAYS = 3650;
/** Names remembered as "me"; older ones are forgotten. */
export const MAX_ME_NAMES = 50;
export const ME_NAME_LENGTH = 200;

export function defaultSettings(): Settings {
  return {
    consent: { accepted: false, at: null },
    retentionDays: 0,
    keepAudio: false,
    nudges: { paused: false, muted: [] },
    capture: { mic: null, system: null },
    hud: { x: null, y: null, clickThrough: false },
    callDetection: { notice: true, autoStart: false },
    meNames: [],
  };
}

/** Throws unless every key of `o` is in `allowed`. */
export function expectOnlyKeys(o: Record<string, unknown>, allowed: readonly string[], name: string): void {
  for (const k of Object.keys(o)) {
    if (!allowed.includes(k)) {
      const key = k.length > 40 ? `${k.slice(0, 37)}...` : k;
      throw invalidParameterError(`${name}.${JSON.stringify(key).slice(1, -1)}`, `no such key (allowed: ${allowed.join(', ')})`, o[k]);
    }
  }
}

function nullableString(v: unknown, name: string): string | null {
  return v === null ? null : expectString(v, name, { maxLength: 512 });
}

function nullableCoord(v: unknown, name: string): number | null {
  return v === null ? null : expectInteger(v, name, -100_000, 100_000);
}

export function validateSettingsPatch(v: unknown, name = 'settings'): SettingsPatch {
  const o = expectObject(v, name);
  expectOnlyKeys(o, ['consent', 'retentionDays', 'keepAudio', 'nudges', 'capture', 'hud', 'callDetection', 'meNames'], name);
  const out: SettingsPatch = {};
  if (o.consent !== undefined) {
    const c = expectObject(o.consent, `${name}.consent`);
    expectOnlyKeys(c, ['accepted'], `${name}.consent`);
    out.consent = { accepted: expectBool(c.accepted, `${name}.consent.accepted`) };
  }
  if (o.retentionDays !== undefined) out.retentionDays = expectInteger(o.retentionDays, `${name}.retentionDays`, 0, MAX_RETENTION_DAYS);
  if (o.keepAudio !== undefined) out.keepAudio = expectBool(o.keepAudio, `${name}.keepAudio`);
  if (o.nudges !== undefined) {
    const n = expectObject(o.nudges, `${name}.nudges`);
    expectOnlyKeys(n, ['paused', 'muted'], `${name}.nudges`);
    out.nudges = {};
    if (n.paused !== undefined) out.nudges.paused = expectBool(n.paused, `${name}.nudges.paused`);
    if (n.muted !== undefined) {
      if (!Array.isArray(n.muted) || n.muted.length > NUDGE_KINDS.length) {
        throw invalidParameterError(`${name}.nudges.muted`, `an array of at most ${NUDGE_KINDS.length} nudge kinds`, n.muted);
      }
      out.nudges.muted = [...new Set(n.muted.map((k, i) => expectOneOf(k, NUDGE_KINDS, `${name}.nudges.muted[${i}]`)))];
    }
  }
  if (o.capture !== undefined) {
    const c = expectObject(o.capture, `${name}.capture`);
    expectOnlyKeys(c, ['mic', 'system'], `${name}.capture`);
    out.capture = {};
    if (c.mic !== undefined) out.capture.mic = nullableString(c.mic, `${name}.capture.mic`);
    if (c.system !== undefined) out.capture.system = nullableString(c.system, `${name}.capture.system`);
  }
  if (o.hud !== undefined) {
    const h = expectObject(o.hud, `${name}.hud`);
    expectOnlyKeys(h, ['x', 'y', 'clickThrough'], `${name}.hud`);
    out.hud = {};
    if (h.x !== undefined) out.hud.x = nullableCoord(h.x, `${name}.hud.x`);
    if (h.y !== undefined) out.hud.y = nullableCoord(h.y, `${name}.hud.y`);
    if (h.clickThrough !== undefined) out.hud.clickThrough = expectBool(h.clickThrough, `${name}.hud.clickThrough`);
  }
  if (o.callDetection !== undefined) {
    const c = expectObject(o.callDetection, `${name}.callDetection`);
    expectOnlyKeys(c, ['notice', 'autoStart'], `${name}.callDetection`);
    out.callDetection = {};
    if (c.notice !== undefined) out.callDetection.notice = expectBool(c.notice, `${name}.callDetection.notice`);
    if (c.autoStart !== undefined) out.callDetection.autoStart = expectBool(c.autoStart, `${name}.callDetection.autoStart`);
  }
  if (o.meNames !== undefined) {
    if (!Array.isArray(o.meNames) || o.meNames.length > MAX_ME_NAMES) {
      throw invalidParameterError(`${name}.meNames`, `an array of at most ${MAX_ME_NAMES} names`, o.meNames);
    }
    out.meNames = o.meNames.map((n, i) => expectString(n, `${name}.meNames[${i}]`, { maxLength: ME_NAME_LENGTH }));
  }
  return out;
}

/** Applies a validated patch; `now` stamps a newly given consent. */
export function applySettingsPatch(s: Settings, p: SettingsPatch, now: Date = new Date()): Settings {
  const next: Settings = structuredCloneSettings(s);
  if (p.consent) next.consent = p.consent.accepted ? { accepted: true, at: s.consent.accepted ? s.consent.at : now.toISOString() } : { accepted: false, at: null };
  if (p.retentionDays !== undefined) next.retentionDays = p.retentionDays;
  if (p.keepAudio !== undefined) next.keepAudio = p.keepAudio;
  if (p.nudges) next.nudges = { ...next.nudges, ...p.nudges };
  if (p.capture) next.capture = { ...next.capture, ...p.capture };
  if (p.hud) next.hud = { ...next.hud, ...p.hud };
  if (p.callDetection) next.callDetection = { ...next.callDetection, ...p.callDetection };
  if (p.meNames) next.meNames = [...p.meNames];
  return next;
}

function structuredCloneSettings(s: Settings): Settings {
  return JSON.parse(JSON.stringify(s)) as Settings;
}

/**
 * Reads stored settings leniently: anything missing or malformed falls back
 * to the default, so an old or hand-edited file never stops the app.
 */
export function settingsFromStored(stored: Record<string, unknown>): Settings {
  const d = defaultSettings();
  let s = d;
  for (const key of Object.keys(d) as (keyof Settings)[]) {
    if (!(key in stored)) continue;
    try {
      const value = stored[key];
      const patch = validateSettingsPatch({ [key]: key === 'consent' && is.object(value) ? { accepted: value.accepted } : value });
      s = applySettingsPatch(s, patch);
      if (key === 'consent' && is.object(value) && s.consent.accepted && is.string(value.at)) s.consent.at = value.at;
    } catch {
      // keep the default for this key
    }
  }
  return s;
}
