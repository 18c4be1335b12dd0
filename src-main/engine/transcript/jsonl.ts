// JSON Lines: one object per line, {"speaker", "start", "end", "text"} with
// times in seconds. Blank lines are allowed.
import { fmtSec, splitLines, transcriptError } from './errors';
import type { RawCue } from './types';

export function parseJsonl(text: string, file = 'transcript.jsonl'): RawCue[] {
  const cues: RawCue[] = [];
  const lines = splitLines(text);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i].trim();
    if (raw === '') continue;
    const line = i + 1;
    let v: unknown;
    try {
      v = JSON.parse(raw);
    } catch (err) {
      throw transcriptError(file, line, `not valid JSON (${(err as Error).message})`,
        'Each line must be one object like {"speaker":"Ana","start":1.2,"end":3.4,"text":"Hello"}.');
    }
    if (typeof v !== 'object' || v === null || Array.isArray(v)) throw transcriptError(file, line, 'expected a JSON object');
    const o = v as Record<string, unknown>;
    for (const key of ['start', 'end'] as const) {
      if (typeof o[key] !== 'number' || !Number.isFinite(o[key]) || (o[key] as number) < 0) {
        throw transcriptError(file, line, `"${key}" must be a number of seconds >= 0, got ${JSON.stringify(o[key])}`);
      }
    }
    if (typeof o.text !== 'string') throw transcriptError(file, line, `"text" must be a string, got ${JSON.stringify(o.text)}`);
    if (o.speaker !== undefined && o.speaker !== null && typeof o.speaker !== 'string') {
      throw transcriptError(file, line, `"speaker" must be a string, got ${JSON.stringify(o.speaker)}`);
    }
    const start = o.start as number;
    const end = o.end as number;
    if (end < start) throw transcriptError(file, line, `the line ends (${fmtSec(end)}) before it starts (${fmtSec(start)})`);
    const body = o.text.replace(/\s+/g, ' ').trim();
    if (body === '') continue;
    const speaker = typeof o.speaker === 'string' && o.speaker.trim() !== '' ? o.speaker.trim() : null;
    cues.push({ speaker, start, end, text: body, line });
  }
  return cues;
}
