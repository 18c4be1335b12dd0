// Which files the history window may have the engine import: only those
// that main checked (call-files.ts) after the user picked or dropped them.
// Pure (no node, no electron), so the e2e stand-in for main uses it as is.
import { CandorError } from '../contract/errors';
import type { CallFilesChoice, ImportRequest, TranscriptInfo } from '../contract/imports';

export interface ResolvedCallFiles {
  audio: string | null;
  transcript: string | null;
}

const baseName = (p: string): string => p.slice(Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\')) + 1);

/** What the dialog shows: names, and the transcript's speakers from the engine. */
export async function describeCallFiles(files: ResolvedCallFiles, transcriptInfo: (path: string) => Promise<TranscriptInfo>): Promise<CallFilesChoice> {
  return {
    audio: files.audio ? { path: files.audio, name: baseName(files.audio) } : null,
    transcript: files.transcript ? { ...(await transcriptInfo(files.transcript)), name: baseName(files.transcript) } : null,
  };
}

const MAX_GRANTS = 64;

export class CallFileGrants {
  private readonly granted = new Set<string>();

  grant(files: ResolvedCallFiles): void {
    for (const p of [files.audio, files.transcript]) {
      if (!p) continue;
      this.granted.delete(p);
      this.granted.add(p);
    }
    while (this.granted.size > MAX_GRANTS) this.granted.delete(this.granted.values().next().value as string);
  }

  /** Throws unless every path of the request was checked by main. */
  check(req: ImportRequest): void {
    for (const p of [req.audio, req.transcript]) {
      if (p !== undefined && !this.granted.has(p)) {
        throw new CandorError('IPC_INVALID', `importCall: ${baseName(p)} was not chosen or dropped in this window`, 'Add the file with "Add a call…" or by dropping it.');
      }
    }
  }
}
