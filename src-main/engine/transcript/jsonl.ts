// JSON Lines: one object per line, {"speaker", "start", "end", "text"} with
// times in seconds. Blank lines are allowed. A line that is not a usable
// object is skipped and logged with its reason, like a malformed cue.
import { fmtSec } from './errors';
import { ImportLog } from './import-log';
import { feedText, type LineParser } from './lines';
import type { RawCue } from './types';

export const JSONL_SHAPE_HINT = 'Each line must be one object like {"speaker":"Ana","start":1.2,"end":3.4,"text":"Hello"}.';

/** The problem with one JSON line, or the cue it holds (null: nothing spoken). */
export function jsonlCue(raw: string, line: number): { cue: RawCue | null } | { error: string } {
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch (err) {
    return { error: `not valid JSON (${(err as Error).message})` };
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return { error: 'expected a JSON object' };
  const o = v as Record<string, unknown>;
  for (const key of ['start', 'end'] as const) {
    const t = o[key];
    if (typeof t !== 'number' || !Number.isFinite(t) || t < 0) return { error: `"${key}" must be a number of seconds >= 0, got ${JSON.stringify(t) ?? 'nothing'}` };
  }
  if (typeof o.text !== 'string') return { error: `"text" must be a string, got ${JSON.stringify(o.text) ?? 'nothing'}` };
  if (o.speaker !== undefined && o.speaker !== null && typeof o.speaker !== 'string') {
    return { error: `"speaker" must be a string, got ${JSON.stringify(o.speaker)}` };
  }
  const start = o.start as number;
  const end = o.end as number;
  if (end < start) return { error: `the line ends (${fmtSec(end)}) before it starts (${fmtSec(start)})` };
  const text = o.text.replace(/\s+/g, ' ').trim();
  if (text === '') return { cue: null };
  const speaker = typeof o.speaker === 'string' && o.speaker.trim() !== '' ? o.speaker.trim() : null;
  return { cue: { speaker, start, end, text, line } };
}

export class JsonlParser implements LineParser {
  private lineNo = 0;

  constructor(private readonly log: ImportLog, private readonly onCue: (c: RawCue) => void) {}

  push(line: string): void {
    this.lineNo++;
    const raw = line.trim();
    if (raw === '') return;
    const r = jsonlCue(raw, this.lineNo);
    if ('error' in r) this.log.skip({ line: this.lineNo, reason: r.error });
    else if (r.cue) this.onCue(r.cue);
  }

  end(): void {}
}

export function parseJsonl(text: string, log = new ImportLog()): RawCue[] {
  const cues: RawCue[] = [];
  feedText(text, new JsonlParser(log, (c) => cues.push(c)));
  return cues;
}
