// The transcript import, in two steps:
// 1. read: the file is streamed line by line into the parser for its format
//    (by extension, else by content); malformed cues are skipped and logged,
//    and the import fails only when no usable cue is left.
// 2. sides: by speaker name (--me), or, when the file names no one, from the
//    call's audio. Output: Utterance[] sorted by start time, and notes on what
//    was forgiven.
import type { Utterance } from '../../contract/calls';
import type { Segments } from '../../contract/report';
import { union } from '../metrics/spans';
import { carriedSpeakerNote, fillSpeakers, sameSpeakerOverlapNote } from './check';
import { transcriptError } from './errors';
import { FormatSniffer, formatByExtension } from './format';
import { ImportLog, leadingUnnamedNote, plural } from './import-log';
import { JSONL_SHAPE_HINT, JsonlParser } from './jsonl';
import { feedText, type LineParser } from './lines';
import { readFileLines } from './read-file';
import { sideFromAudio, sidesByName, sortUtterances, speakersOf } from './sides';
import { SrtParser } from './srt';
import type { RawCue, TranscriptFormat } from './types';
import { vttParser } from './vtt';

/** A transcript read but not yet split into sides. */
export interface ParsedTranscript {
  file: string;
  format: TranscriptFormat;
  cues: RawCue[];
  log: ImportLog;
}

export interface ImportedTranscript {
  format: TranscriptFormat;
  speakers: string[];
  utterances: Utterance[];
  /** What the import forgave or inferred, for the report's notes. */
  notes: string[];
}

export interface SideOptions {
  /** The speaker who is me. */
  me?: string;
  /** The call's voice activity, for a transcript without speaker names. */
  audio?: Segments;
}

/** The format of a whole text (tests and callers holding text in memory). */
export function detectFormat(text: string, fileName: string): TranscriptFormat {
  const byExt = formatByExtension(fileName);
  if (byExt) return byExt;
  const sniffer = new FormatSniffer(fileName, () => ({ push: () => {}, end: () => {} }));
  feedText(text, sniffer); // throws when the content matches no format
  return sniffer.format!;
}

/** A line parser for `format`, or one that picks the format from the first lines. */
function parserFor(file: string, format: TranscriptFormat | null, log: ImportLog, onCue: (c: RawCue) => void): { parser: LineParser; format: () => TranscriptFormat } {
  const make = (f: TranscriptFormat): LineParser =>
    f === 'vtt' ? vttParser(file, log, onCue) : f === 'srt' ? new SrtParser(log, onCue) : new JsonlParser(log, onCue);
  if (format) return { parser: make(format), format: () => format };
  const sniffer = new FormatSniffer(file, make);
  return { parser: sniffer, format: () => sniffer.format! };
}

const USABLE_HINT: Record<TranscriptFormat, string> = {
  vtt: 'A WebVTT cue is a timing line like "00:01:02.500 --> 00:01:04.000" and its text, then a blank line.',
  srt: 'An SRT cue is a number, a timing line like "00:01:02,500 --> 00:01:04,000" and its text, then a blank line.',
  jsonl: JSONL_SHAPE_HINT,
};

function finishRead(file: string, format: TranscriptFormat, cues: RawCue[], count: number, log: ImportLog, lines: number): ParsedTranscript {
  if (count === 0) {
    const first = log.firstSkips[0];
    if (first) {
      throw transcriptError(file, first.line, `no usable cue: ${plural(log.skippedCount, 'cue')} skipped, the first because: ${first.reason}`, USABLE_HINT[format]);
    }
    throw transcriptError(file, Math.max(1, lines), 'the transcript has no spoken lines');
  }
  return { file, format, cues, log };
}

/**
 * Reads a transcript file, streamed: the file is never held whole in memory.
 * With `onCue`, cues go there instead of into `cues` (memory stays bounded
 * whatever the number of cues).
 */
export function readTranscript(path: string, opts: { format?: TranscriptFormat; onCue?: (c: RawCue) => void } = {}): ParsedTranscript {
  const log = new ImportLog();
  const cues: RawCue[] = [];
  const keep = opts.onCue ?? ((c: RawCue) => cues.push(c));
  let count = 0;
  const { parser, format } = parserFor(path, opts.format ?? formatByExtension(path), log, (c) => {
    count++;
    keep(c);
  });
  let lines = 0;
  readFileLines(path, (l) => {
    lines++;
    parser.push(l);
  });
  parser.end();
  return finishRead(path, format(), cues, count, log, lines);
}

/** The same from text in memory. */
export function parseTranscriptText(text: string, opts: { file: string; format?: TranscriptFormat }): ParsedTranscript {
  const log = new ImportLog();
  const cues: RawCue[] = [];
  let lines = 0;
  const { parser, format } = parserFor(opts.file, opts.format ?? formatByExtension(opts.file), log, (c) => cues.push(c));
  feedText(text, { push: (l) => { lines++; parser.push(l); }, end: () => parser.end() });
  return finishRead(opts.file, format(), cues, cues.length, log, lines);
}

/** Whether any cue names its speaker. */
export function namesSpeakers(t: ParsedTranscript): boolean {
  return t.cues.some((c) => c.speaker !== null);
}

function fromAudio(cues: readonly RawCue[], audio: Segments): { utterances: Utterance[]; nearest: number } {
  const segments = { me: union(audio.me, []), them: union(audio.them, []) };
  let nearest = 0;
  const utterances = cues.map((c) => {
    const s = sideFromAudio(segments, c.start, c.end);
    if (s.nearest) nearest++;
    return { side: s.side, speaker: null, start: c.start, end: c.end, text: c.text };
  });
  return { utterances, nearest };
}

/** Step 2: sides by name or from the audio. */
export function assignSides(t: ParsedTranscript, opts: SideOptions = {}): ImportedTranscript {
  const { file, log } = t;
  if (!namesSpeakers(t)) {
    if (!opts.audio) {
      throw transcriptError(file, t.cues[0].line, 'the transcript names no speakers, so Candor cannot tell your lines from theirs',
        'Give the call\'s audio too: candor analyze call.wav --transcript <file> (each cue takes the side whose voice covers most of it), ' +
        'or use an export with speaker names ("Name: text" or <v Name>).');
    }
    const { utterances, nearest } = fromAudio(t.cues, opts.audio);
    const near = nearest > 0 ? ` ${plural(nearest, 'cue')} with no voice under it took the side that speaks nearest.` : '';
    const me = opts.me ? ' --me is not used.' : '';
    return { format: t.format, speakers: [], utterances: sortUtterances(utterances), notes: [...log.notes(), `The transcript names no speakers: each cue's side comes from the audio's voice activity.${near}${me}`] };
  }
  const { named, leading, carried } = fillSpeakers(t.cues);
  const utterances = sidesByName(named, opts.me, file);
  const notes: string[] = [];
  const carriedNote = carriedSpeakerNote(carried);
  if (carriedNote) notes.push(carriedNote);
  const overlap = sameSpeakerOverlapNote(named);
  if (overlap) notes.push(overlap);
  if (leading.length > 0) {
    if (opts.audio) {
      for (const u of fromAudio(leading, opts.audio).utterances) utterances.push(u);
      sortUtterances(utterances);
      notes.push(`${plural(leading.length, 'cue')} before the first speaker name took their side from the audio.`);
    } else {
      notes.push(leadingUnnamedNote(leading.length, leading[0].line));
    }
  }
  return { format: t.format, speakers: speakersOf(named), utterances, notes: [...log.notes(), ...notes] };
}

export function parseTranscript(text: string, opts: { file: string; me?: string; format?: TranscriptFormat; audio?: Segments }): ImportedTranscript {
  return assignSides(parseTranscriptText(text, opts), opts);
}

export function loadTranscript(path: string, opts: { me?: string; format?: TranscriptFormat; audio?: Segments } = {}): ImportedTranscript {
  return assignSides(readTranscript(path, opts), opts);
}
