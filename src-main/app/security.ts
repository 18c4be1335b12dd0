// The rules every window and the session live by: our pages come only from
// app://candor (or, in `electron-vite dev`, the dev server), navigation and
// new windows are refused, only media permission is granted and only to our
// own pages, and no request leaves for the network. Written against small
// structural types so tests run them without Electron.
import type { WindowKind } from '../contract/app-api';

export const APP_SCHEME = 'app';
export const APP_HOST = 'candor';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

export const PAGES: Record<WindowKind, string> = { hud: 'hud.html', history: 'history.html' };

export function pageUrl(kind: WindowKind, devServer?: string | null): string {
  return devServer ? new URL(PAGES[kind], devServer.endsWith('/') ? devServer : `${devServer}/`).toString() : `${APP_ORIGIN}/${PAGES[kind]}`;
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** A URL of our own pages: app://candor/…, or the dev server's origin in development. */
export function isTrustedUrl(url: string | null | undefined, devServer?: string | null): boolean {
  if (!url) return false;
  const u = parse(url);
  if (!u) return false;
  if (u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST) return true;
  if (devServer) {
    const d = parse(devServer);
    return d !== null && (u.protocol === 'http:' || u.protocol === 'https:') && u.origin === d.origin;
  }
  return false;
}

/** Which of our pages a URL is, if it is one. */
export function pageKind(url: string | null | undefined, devServer?: string | null): WindowKind | null {
  if (!isTrustedUrl(url, devServer)) return null;
  const name = parse(url!)!.pathname.split('/').pop();
  for (const [kind, page] of Object.entries(PAGES) as [WindowKind, string][]) if (name === page) return kind;
  return null;
}

/**
 * The permission request handler's rule: media (microphone, and the screen's
 * loopback audio) for our own pages; everything else, and everyone else, no.
 */
export function permissionAllowed(permission: string, requestingUrl: string | null | undefined, devServer?: string | null,
  details?: { mediaTypes?: string[] }): boolean {
  if (permission !== 'media') return false;
  if (!isTrustedUrl(requestingUrl, devServer)) return false;
  const types = details?.mediaTypes ?? [];
  return types.every((t) => t === 'audio' || t === 'video');
}

/** Which requests may leave a renderer: our own scheme, in-memory data, devtools; nothing on the network. */
export function requestAllowed(url: string, devServer?: string | null): boolean {
  const u = parse(url);
  if (!u) return false;
  if (u.protocol === `${APP_SCHEME}:`) return u.host === APP_HOST;
  if (['data:', 'blob:', 'devtools:', 'chrome-extension:'].includes(u.protocol)) return true;
  if (devServer) {
    const d = parse(devServer);
    if (d && (u.protocol === 'http:' || u.protocol === 'ws:') && u.host === d.host) return true;
  }
  return false;
}

// ---- applying the rules ------------------------------------------------------

interface Preventable {
  preventDefault(): void;
}

/** The part of WebContents that hardening touches. */
export interface WebContentsLike {
  on(event: 'will-navigate' | 'will-redirect' | 'will-attach-webview', cb: (e: Preventable, ...args: unknown[]) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' } | { action: 'allow' }): void;
}

/** Refuses every navigation, redirect, new window and <webview>: our pages are single-page apps. */
export function hardenWebContents(wc: WebContentsLike, log: (line: string) => void = () => undefined): void {
  wc.on('will-navigate', (e, ...args) => {
    e.preventDefault();
    log(`refused navigation to ${String((args[0] as { url?: string })?.url ?? args[0])}`);
  });
  wc.on('will-redirect', (e) => e.preventDefault());
  wc.on('will-attach-webview', (e) => e.preventDefault());
  wc.setWindowOpenHandler(({ url }) => {
    log(`refused a new window for ${url}`);
    return { action: 'deny' };
  });
}

/** The part of Session that the guards touch. */
export interface SessionLike {
  setPermissionRequestHandler(h: ((wc: unknown, permission: string, cb: (granted: boolean) => void,
    details: { requestingUrl?: string; mediaTypes?: string[] }) => void) | null): void;
  setPermissionCheckHandler(h: ((wc: unknown, permission: string, requestingOrigin: string) => boolean) | null): void;
  setDevicePermissionHandler?(h: (details: unknown) => boolean): void;
  webRequest: {
    onBeforeRequest(filter: { urls: string[] }, cb: (details: { url: string }, callback: (r: { cancel: boolean }) => void) => void): void;
  };
}

export function installSessionGuards(session: SessionLike, devServer?: string | null, log: (line: string) => void = () => undefined): void {
  session.setPermissionRequestHandler((_wc, permission, cb, details) => {
    const ok = permissionAllowed(permission, details?.requestingUrl, devServer, details);
    if (!ok) log(`refused permission ${permission} for ${details?.requestingUrl ?? 'an unknown page'}`);
    cb(ok);
  });
  session.setPermissionCheckHandler((_wc, permission, origin) => permission === 'media' && isTrustedUrl(origin, devServer));
  session.setDevicePermissionHandler?.(() => false);
  session.webRequest.onBeforeRequest({ urls: ['<all_urls>'] }, (details, callback) => {
    const ok = requestAllowed(details.url, devServer);
    if (!ok) log(`blocked a request to ${details.url}`);
    callback({ cancel: !ok });
  });
}
