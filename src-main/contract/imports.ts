// Adding a call from files in the app: which files are accepted, a
// transcript's speakers (for choosing "me"), the import request, and its
// progress and outcome events. The engine runs the same analysis as
// `candor analyze --save`; main owns the file dialog and checks dropped
// paths before any of them reaches the engine. Pure TS.
import type { CallSummary } from './calls';
import type { SerializedError } from './errors';
import { expectOnlyKeys } from './settings';
import { expectObject, expectString, invalidParameterError } from './validate';

/** Recordings the engine decodes (M4A/MP4/AAC/WebM through ffmpeg). */
export const AUDIO_EXTENSIONS = ['.wav', '.flac', '.mp3', '.ogg', '.opus', '.m4a', '.mp4', '.aac', '.webm'] as const;
/** Transcripts the engine reads. */
export const TRANSCRIPT_EXTENSIONS = ['.vtt', '.srt', '.jsonl', '.ndjson'] as const;

export type CallFileKind = 'audio' | 'transcript';

export function callFileKind(name: string): CallFileKind | null {
  const dot = name.lastIndexOf('.');
  const ext = dot < 0 ? '' : name.slice(dot).toLowerCase();
  if ((AUDIO_EXTENSIONS as readonly string[]).includes(ext)) return 'audio';
  if ((TRANSCRIPT_EXTENSIONS as readonly string[]).includes(ext)) return 'transcript';
  return null;
}

export interface SpeakerTalk {
  /** As the transcript first wrote it. */
  name: string;
  talkSec: number;
}

export interface TranscriptInfo {
  path: string;
  format: 'vtt' | 'srt' | 'jsonl';
  /** Named speakers, most talk first; empty when no cue names its speaker. */
  speakers: SpeakerTalk[];
  /** A speaker the user chose as "me" before (remembered per name), else null. */
  suggestedMe: string | null;
  /** The speakers are literally "me" and "them": no choice is needed. */
  sidesNamed: boolean;
  cues: number;
}

/** What the user picked or dropped, after main's checks. */
export interface CallFilesChoice {
  audio: { path: string; name: string } | null;
  transcript: (TranscriptInfo & { name: string }) | null;
}

export interface ImportRequest {
  /** Chosen by the caller (so it can listen before it asks): letters, digits and dashes. */
  importId: string;
  audio?: string;
  transcript?: string;
  /** The transcript's speaker who is me. */
  me?: string;
  title?: string;
}

export type ImportPhase = 'reading' | 'analysing' | 'saving';

export interface ImportProgress {
  importId: string;
  phase: ImportPhase;
  /** 0..1 of the whole import where known. */
  fraction: number | null;
}

export type ImportFinished =
  | { importId: string; ok: true; call: CallSummary }
  /** Nothing was stored; error.code is CANCELLED when the user cancelled. */
  | { importId: string; ok: false; error: SerializedError };

export const IMPORT_LIMITS = { path: 4_096, name: 200, title: 200, paths: 16 } as const;

const IMPORT_ID = /^[A-Za-z0-9-]{1,64}$/;

export function expectImportId(v: unknown, name: string): string {
  if (typeof v !== 'string' || !IMPORT_ID.test(v)) throw invalidParameterError(name, '1 to 64 letters, digits or dashes', v);
  return v;
}

export function expectPath(v: unknown, name: string): string {
  const p = expectString(v, name, { maxLength: IMPORT_LIMITS.path });
  if (p.includes('\0')) throw invalidParameterError(name, 'a path without NUL characters', v);
  return p;
}

export function validateImportRequest(v: unknown, name: string): ImportRequest {
  const o = expectObject(v, name);
  expectOnlyKeys(o, ['importId', 'audio', 'transcript', 'me', 'title'], name);
  const out: ImportRequest = { importId: expectImportId(o.importId, `${name}.importId`) };
  if (o.audio !== undefined) out.audio = expectPath(o.audio, `${name}.audio`);
  if (o.transcript !== undefined) out.transcript = expectPath(o.transcript, `${name}.transcript`);
  if (o.me !== undefined) out.me = expectString(o.me, `${name}.me`, { maxLength: IMPORT_LIMITS.name });
  if (o.title !== undefined) out.title = expectString(o.title, `${name}.title`, { maxLength: IMPORT_LIMITS.title });
  if (out.audio === undefined && out.transcript === undefined) {
    throw invalidParameterError(`${name}.audio`, 'an audio file, a transcript, or both', undefined);
  }
  return out;
}
