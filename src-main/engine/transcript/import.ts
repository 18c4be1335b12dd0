// The transcript dispatcher: picks the parser by extension (or content),
// runs the whole-file checks and assigns sides. Output: Utterance[] sorted
// by start time.
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import type { Utterance } from '../../contract/calls';
import { CandorError } from '../../contract/errors';
import { checkSameSpeakerOverlap, fillSpeakers } from './check';
import { transcriptError } from './errors';
import { parseJsonl } from './jsonl';
import { assignSides, speakersOf } from './sides';
import { parseSrt } from './srt';
import type { RawCue, TranscriptFormat } from './types';
import { parseVtt } from './vtt';

export interface ImportedTranscript {
  format: TranscriptFormat;
  speakers: string[];
  utterances: Utterance[];
}

const BY_EXTENSION: Record<string, TranscriptFormat> = { '.vtt': 'vtt', '.srt': 'srt', '.jsonl': 'jsonl', '.ndjson': 'jsonl' };

export function detectFormat(text: string, fileName: string): TranscriptFormat {
  const byExt = BY_EXTENSION[extname(fileName).toLowerCase()];
  if (byExt) return byExt;
  const head = text.replace(/^\uFEFF/, '').trimStart();
  if (head.startsWith('WEBVTT')) return 'vtt';
  if (head.startsWith('{')) return 'jsonl';
  if (/^\d+\s*\r?\n\s*\S+\s+-->/.test(head)) return 'srt';
  throw transcriptError(fileName, null, 'unknown transcript format',
    'Candor reads WebVTT (.vtt), SubRip (.srt) and JSON Lines (.jsonl) transcripts.');
}

export function parseCues(text: string, format: TranscriptFormat, file: string): RawCue[] {
  if (format === 'vtt') return parseVtt(text, file);
  if (format === 'srt') return parseSrt(text, file);
  return parseJsonl(text, file);
}

export function parseTranscript(text: string, opts: { file: string; me?: string; format?: TranscriptFormat }): ImportedTranscript {
  const format = opts.format ?? detectFormat(text, opts.file);
  const cues = fillSpeakers(parseCues(text, format, opts.file), opts.file);
  if (cues.length === 0) throw transcriptError(opts.file, null, 'the transcript has no spoken lines');
  checkSameSpeakerOverlap(cues, opts.file);
  return { format, speakers: speakersOf(cues), utterances: assignSides(cues, opts.me, opts.file) };
}

export function loadTranscript(path: string, opts: { me?: string; format?: TranscriptFormat } = {}): ImportedTranscript {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new CandorError(code === 'ENOENT' ? 'FILE_NOT_FOUND' : 'TRANSCRIPT_INVALID',
      `cannot read the transcript ${path}: ${(err as Error).message}`, undefined, { cause: err });
  }
  return parseTranscript(text, { ...opts, file: path });
}
