// Which other applications are recording from the microphone right now: the
// PulseAudio/PipeWire source-outputs on that source, less Candor's own
// recorders. A call app (Zoom, Meet in a browser, Teams, Slack) opens one
// when a call starts and closes it when the call ends.
import { readFileSync } from 'node:fs';
import { pactlAsync } from './pactl';

export interface MicUser {
  /** The source-output's index, stable while it lives. */
  index: number;
  /** Name of the source it records from. */
  source: string;
  /** application.name, e.g. "ZOOM VoiceEngine", "Chromium", "parec". */
  app: string;
  pid?: number;
  binary?: string;
}

interface RawSourceOutput {
  index?: unknown;
  source?: unknown;
  properties?: Record<string, unknown>;
}

/** The parent pid of a process, from /proc (Linux); undefined when it is gone. */
function parentPid(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) state ppid ...": comm may hold spaces and parentheses.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ppid = Number(fields[1]);
    return Number.isInteger(ppid) ? ppid : undefined;
  } catch {
    return undefined;
  }
}

/** True when pid is this process or one it started (a parec recorder of ours). */
export function isOwnProcess(pid: number, self = process.pid): boolean {
  let p: number | undefined = pid;
  for (let depth = 0; p !== undefined && p > 1 && depth < 32; depth++) {
    if (p === self) return true;
    p = parentPid(p);
  }
  return false;
}

/** Parses `pactl -f json list source-outputs` with `pactl list short sources` for the names. */
export function parseMicUsers(sourceOutputsJson: string, shortSources: string): MicUser[] {
  const names = new Map<number, string>();
  for (const line of shortSources.split('\n')) {
    const [index, name] = line.split('\t');
    if (name) names.set(Number(index), name);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(sourceOutputsJson || '[]');
  } catch {
    return [];
  }
  if (!Array.isArray(raw)) return [];
  const users: MicUser[] = [];
  for (const o of raw as RawSourceOutput[]) {
    if (typeof o?.index !== 'number' || typeof o.source !== 'number') continue;
    const props = o.properties ?? {};
    const pid = Number(props['application.process.id']);
    users.push({
      index: o.index,
      source: names.get(o.source) ?? String(o.source),
      app: String(props['application.name'] ?? props['media.name'] ?? 'an application'),
      pid: Number.isInteger(pid) && pid > 0 ? pid : undefined,
      binary: typeof props['application.process.binary'] === 'string' ? props['application.process.binary'] : undefined,
    });
  }
  return users;
}

/** Other applications recording from `source` now (Candor's own recorders left out). */
export async function otherMicUsers(source: string): Promise<MicUser[]> {
  const [outputs, sources] = await Promise.all([
    pactlAsync(['-f', 'json', 'list', 'source-outputs']),
    pactlAsync(['list', 'short', 'sources']),
  ]);
  return parseMicUsers(outputs, sources).filter((u) => u.source === source && !(u.pid !== undefined && isOwnProcess(u.pid)));
}
