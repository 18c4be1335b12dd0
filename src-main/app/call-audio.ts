// app://candor/call-audio/<id>: a call's kept recording, for the call page's
// player. Only the file the engine recorded for that call is served (the
// renderer names a call id, never a path), with byte ranges so the player
// can seek. Plain Node: the test bridge serves the same route.
import { createReadStream, statSync } from 'node:fs';
import { extname } from 'node:path';
import { Readable } from 'node:stream';
import { securityHeaders } from './csp';

export const CALL_AUDIO_PATH = '/call-audio/';

const AUDIO_MIME: Record<string, string> = {
  '.wav': 'audio/wav',
  '.m4a': 'audio/mp4',
  '.mp4': 'audio/mp4',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.opus': 'audio/ogg',
  '.flac': 'audio/flac',
  '.webm': 'audio/webm',
};

/** An open-ended range ("bytes=0-") is answered with at most this many bytes. */
export const MAX_CHUNK = 8 * 1024 * 1024;

/** The call id an URL path asks audio for, or null when it is not a call-audio path. */
export function callAudioId(pathname: string): number | null {
  if (!pathname.startsWith(CALL_AUDIO_PATH)) return null;
  const rest = pathname.slice(CALL_AUDIO_PATH.length);
  if (!/^[1-9]\d{0,15}$/.test(rest)) return null;
  const id = Number(rest);
  return Number.isSafeInteger(id) ? id : null;
}

/** [start, end] (inclusive) of a Range header against a file of `size` bytes; null when absent; 'bad' when unsatisfiable. */
export function parseRange(header: string | null, size: number): [number, number] | null | 'bad' {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return 'bad';
  let start: number;
  let end: number;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? Math.min(size - 1, start + MAX_CHUNK - 1) : Math.min(size - 1, Number(m[2]));
  }
  if (start >= size || end < start) return 'bad';
  return [start, end];
}

function notFound(): Response {
  return new Response('Not found', { status: 404, headers: securityHeaders() });
}

/**
 * Answers a call-audio request. `audioFileOf` is the engine's word on where
 * the call's recording is (null when none was kept).
 */
export async function serveCallAudio(id: number, range: string | null, audioFileOf: (id: number) => Promise<string | null>): Promise<Response> {
  let file: string | null;
  try {
    file = await audioFileOf(id);
  } catch {
    return notFound();
  }
  const mime = file ? AUDIO_MIME[extname(file).toLowerCase()] : undefined;
  if (!file || !mime) return notFound();
  let size: number;
  try {
    const st = statSync(file);
    if (!st.isFile()) return notFound();
    size = st.size;
  } catch {
    return notFound();
  }
  const base = { ...securityHeaders(), 'Content-Type': mime, 'Accept-Ranges': 'bytes', 'Cache-Control': 'no-store' };
  const r = parseRange(range, size);
  if (r === 'bad') return new Response(null, { status: 416, headers: { ...base, 'Content-Range': `bytes */${size}` } });
  const [start, end] = r ?? [0, size - 1];
  const body = size === 0 ? null : (Readable.toWeb(createReadStream(file, { start, end })) as ReadableStream<Uint8Array>);
  const headers = { ...base, 'Content-Length': String(size === 0 ? 0 : end - start + 1) };
  if (r === null) return new Response(body, { status: 200, headers });
  return new Response(body, { status: 206, headers: { ...headers, 'Content-Range': `bytes ${start}-${end}/${size}` } });
}
