// app://candor/… serves the built renderer from disk with the CSP and other
// security headers on every response. Paths cannot leave the renderer folder.
// app://candor/call-audio/<id> serves a call's kept recording (call-audio.ts).
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { callAudioId, serveCallAudio } from './call-audio';
import { securityHeaders } from './csp';
import { APP_HOST, APP_SCHEME } from './security';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

/** The file an app:// URL names inside `root`, or null for anything else. */
export function resolveAppFile(root: string, url: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== `${APP_SCHEME}:` || u.host !== APP_HOST) return null;
  let path: string;
  try {
    path = decodeURIComponent(u.pathname);
  } catch {
    return null;
  }
  if (path.includes('\0') || path === '/' || path.endsWith('/')) return null;
  const base = resolve(root);
  const file = resolve(base, normalize(join('.', path)));
  if (!file.startsWith(base + sep)) return null;
  if (!MIME[extname(file)]) return null;
  return file;
}

export interface ProtocolLike {
  handle(scheme: string, handler: (req: { url: string; headers?: { get(name: string): string | null } }) => Promise<Response> | Response): void;
}

/** `audioFileOf`: where a call's kept recording is (the engine's word), for app://candor/call-audio/<id>. */
export function registerAppProtocol(protocol: ProtocolLike, root: string, audioFileOf?: (id: number) => Promise<string | null>): void {
  protocol.handle(APP_SCHEME, async (req) => {
    const audioId = audioFileOf ? callAudioOf(req.url) : null;
    if (audioId !== null && audioFileOf) return serveCallAudio(audioId, req.headers?.get('range') ?? null, audioFileOf);
    const file = resolveAppFile(root, req.url);
    if (!file) return new Response('Not found', { status: 404, headers: securityHeaders() });
    try {
      const body = await readFile(file);
      return new Response(body, { status: 200, headers: { 'Content-Type': MIME[extname(file)], ...securityHeaders() } });
    } catch {
      return new Response('Not found', { status: 404, headers: securityHeaders() });
    }
  });
}

function callAudioOf(url: string): number | null {
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST ? callAudioId(u.pathname) : null;
  } catch {
    return null;
  }
}
