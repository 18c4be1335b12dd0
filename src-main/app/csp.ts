// The Content-Security-Policy of every Candor page: nothing remote, no eval,
// no inline script. The same string goes into each page's <meta> at build
// time (electron.vite.config.ts) and into the response headers of the app://
// protocol (protocol.ts). Pure TS: imported by the build config too.

export const CSP_DIRECTIVES: Record<string, string> = {
  'default-src': "'self'",
  'script-src': "'self'",
  'style-src': "'self'",
  'img-src': "'self' data:",
  'font-src': "'self'",
  'connect-src': "'self'",
  'media-src': "'self' mediastream: blob:",
  'worker-src': "'self'",
  'object-src': "'none'",
  'base-uri': "'none'",
  'form-action': "'none'",
  'frame-src': "'none'",
};

export function cspString(directives: Record<string, string> = CSP_DIRECTIVES): string {
  return Object.entries(directives).map(([k, v]) => `${k} ${v}`).join('; ');
}

export const CONTENT_SECURITY_POLICY = cspString();

/**
 * Only for `electron-vite dev`: Vite's dev server injects <style> tags and
 * talks to its HMR socket. Never used in a build.
 */
export const DEV_CONTENT_SECURITY_POLICY = cspString({
  ...CSP_DIRECTIVES,
  'style-src': "'self' 'unsafe-inline'",
  'connect-src': "'self' ws://localhost:* http://localhost:*",
});

/** Headers that harden a page beyond CSP; `frame-ancestors` only works as a header. */
export function securityHeaders(csp: string = CONTENT_SECURITY_POLICY): Record<string, string> {
  return {
    'Content-Security-Policy': `${csp}; frame-ancestors 'none'`,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
}
