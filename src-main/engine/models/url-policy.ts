// Which addresses a model download may use. Models come over https only; a
// redirect may stay on the same origin or go to the file hosts the
// manifest's servers really hand off to (Hugging Face's and GitHub's CDNs),
// and always over https. Plain http is refused, except on the loopback
// interface, where nothing leaves the machine (a local mirror, the tests'
// server).
import { CandorError } from '../../contract/errors';

/** Hosts a redirect may lead to: the CDNs behind huggingface.co and github.com. */
export const REDIRECT_HOSTS: readonly string[] = ['huggingface.co', '.huggingface.co', '.hf.co', '.githubusercontent.com'];

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

const isLoopback = (u: URL): boolean => LOOPBACK.has(u.hostname);

function hostAllowed(host: string): boolean {
  return REDIRECT_HOSTS.some((h) => (h.startsWith('.') ? host.endsWith(h) && host.length > h.length : host === h));
}

/** Throws unless `url` is an https address (or http on the loopback interface). */
export function checkDownloadUrl(url: string): URL {
  const u = parse(url);
  if (!u) throw new CandorError('MODEL_CORRUPT', `the model address ${JSON.stringify(url.slice(0, 200))} is not a URL`, 'Restore models/manifest.json from the repository, or update Candor.');
  if (u.protocol === 'https:' || (u.protocol === 'http:' && isLoopback(u))) return u;
  throw new CandorError('MODEL_CORRUPT', `refused to download ${u.origin}${u.pathname}: models are downloaded over https only, not ${u.protocol.replace(':', '')}`,
    'Use the https address of the file in models/manifest.json (or update Candor for a current manifest).');
}

/** Throws unless a redirect from `from` to `to` stays on the same origin or goes over https to an allowed host. */
export function checkRedirect(from: URL, to: URL): void {
  const sameOrigin = to.protocol === from.protocol && to.host === from.host;
  if (sameOrigin && (to.protocol === 'https:' || isLoopback(to))) return;
  if (to.protocol === 'https:' && hostAllowed(to.hostname)) return;
  throw new CandorError('MODEL_MISSING', `refused a redirect from ${from.origin} to ${to.origin}: a model download may only be redirected within the same origin, or over https to ${REDIRECT_HOSTS.join(', ')}`,
    'Check the address in models/manifest.json; Candor does not follow a redirect to another scheme or host.');
}
