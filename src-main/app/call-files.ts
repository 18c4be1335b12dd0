// Main's check of the files a user picked or dropped to add a call, before
// any path reaches the engine: each must be an existing regular file (or a
// folder, looked into one level deep) named as a recording or a transcript;
// at most one of each. A Zoom recording folder holds the .m4a and the .vtt
// (cloud: *.transcript.vtt beside the *.cc.vtt captions), and both are taken.
import { readdirSync, realpathSync, statSync } from 'node:fs';
import { basename, isAbsolute, join } from 'node:path';
import { CandorError } from '../contract/errors';
import { AUDIO_EXTENSIONS, callFileKind, IMPORT_LIMITS, TRANSCRIPT_EXTENSIONS, type CallFileKind } from '../contract/imports';
import type { ResolvedCallFiles } from './call-file-grants';

const ACCEPTED = `a recording (${AUDIO_EXTENSIONS.join(' ')}) or a transcript (${TRANSCRIPT_EXTENSIONS.join(' ')})`;

function badFile(message: string, hint = `Add ${ACCEPTED}, or a Zoom recording folder.`): CandorError {
  return new CandorError('BAD_ARGUMENT', message, hint);
}

/** The one file of a kind a folder offers, by preference; null when it has none. */
function pickInFolder(dir: string, names: string[], kind: CallFileKind): string | null {
  const of = names.filter((n) => callFileKind(n) === kind);
  if (of.length <= 1) return of[0] ?? null;
  const prefer = kind === 'audio'
    ? [(n: string) => n === 'audio_only.m4a', (n: string) => n.toLowerCase().endsWith('.m4a')]
    : [(n: string) => n.toLowerCase().endsWith('.transcript.vtt'), (n: string) => !n.toLowerCase().endsWith('.cc.vtt')];
  for (const p of prefer) {
    const hits = of.filter(p);
    if (hits.length === 1) return hits[0];
  }
  throw badFile(`${dir} holds several ${kind === 'audio' ? 'recordings' : 'transcripts'} (${of.slice(0, 4).join(', ')}${of.length > 4 ? ', …' : ''})`,
    `Drop the ${kind === 'audio' ? 'recording' : 'transcript'} you want instead of the folder.`);
}

export function resolveCallFiles(paths: readonly string[]): ResolvedCallFiles {
  if (paths.length === 0 || paths.length > IMPORT_LIMITS.paths) {
    throw badFile(`add 1 to ${IMPORT_LIMITS.paths} files at a time, not ${paths.length}`);
  }
  const found: Record<CallFileKind, string[]> = { audio: [], transcript: [] };
  for (const p of paths) {
    if (typeof p !== 'string' || !isAbsolute(p) || p.includes('\0')) throw badFile(`not a file path: ${String(p).slice(0, 80)}`);
    let real: string;
    let st;
    try {
      real = realpathSync(p);
      st = statSync(real);
    } catch {
      throw new CandorError('FILE_NOT_FOUND', `${p} does not exist or cannot be read`, 'Check the file and add it again.');
    }
    if (st.isDirectory()) {
      let names: string[];
      try {
        names = readdirSync(real).filter((n) => {
          try {
            return statSync(join(real, n)).isFile();
          } catch {
            return false;
          }
        });
      } catch {
        throw new CandorError('PERMISSION_DENIED', `cannot look into ${p}`, 'Check the folder\'s permissions.');
      }
      const audio = pickInFolder(p, names, 'audio');
      const transcript = pickInFolder(p, names, 'transcript');
      if (!audio && !transcript) throw badFile(`${p} holds no recording and no transcript`);
      if (audio) found.audio.push(join(real, audio));
      if (transcript) found.transcript.push(join(real, transcript));
      continue;
    }
    if (!st.isFile()) throw badFile(`${p} is not a regular file`);
    const kind = callFileKind(basename(real)) ?? callFileKind(basename(p));
    if (!kind) throw badFile(`${basename(p)} is neither a recording nor a transcript`);
    if (st.size === 0) throw badFile(`${basename(p)} is empty (0 bytes)`, 'Export or save it again, then add it.');
    found[kind].push(real);
  }
  for (const kind of ['audio', 'transcript'] as const) {
    const list = [...new Set(found[kind])];
    if (list.length > 1) {
      throw badFile(`one call takes one ${kind === 'audio' ? 'recording' : 'transcript'}, and these are ${list.length}: ${list.map((f) => basename(f)).join(', ')}`,
        `Add them one call at a time.`);
    }
  }
  return { audio: found.audio[0] ?? null, transcript: found.transcript[0] ?? null };
}
