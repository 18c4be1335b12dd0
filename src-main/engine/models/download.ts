// Downloads one file over HTTP(S) to <dest>.part, resumes an interrupted
// transfer with a Range request (in the same run after a dropped connection,
// or in a later run from the .part left behind), checks the sha256, and
// renames the .part onto <dest> only when it is intact. A corrupt download
// is refused and its .part deleted. Only `candor models fetch` calls this:
// nothing is downloaded during a call or an analysis.
import { createReadStream, createWriteStream, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import { dirname } from 'node:path';
import { CandorError } from '../../contract/errors';
import { checkDownloadUrl, checkRedirect } from './url-policy';

export interface DownloadOptions {
  url: string;
  dest: string;
  /** Expected sha256 (hex); null = unknown (trust on first download: the caller records what it gets). */
  sha256: string | null;
  size?: number;
  /** Called as bytes arrive: bytes on disk so far and the total when known. */
  onProgress?: (done: number, total: number | null) => void;
  /** Attempts after a dropped connection or a 5xx (default 4). */
  retries?: number;
  /** Pause between attempts, ms (default 500, doubled each time). */
  retryDelayMs?: number;
  /** Socket idle timeout, ms (default 30 s). */
  timeoutMs?: number;
}

export interface DownloadResult {
  path: string;
  sha256: string;
  bytes: number;
  /** Whether some bytes came from an earlier, interrupted transfer. */
  resumed: boolean;
}

const MAX_REDIRECTS = 5;

class HttpStatusError extends Error {
  constructor(readonly status: number, readonly url: string) {
    super(`HTTP ${status}`);
  }
}

export async function sha256OfFile(path: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  return h.digest('hex');
}

function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

function get(url: string, headers: Record<string, string>, timeoutMs: number, redirects = 0): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    let checked: URL;
    try {
      checked = checkDownloadUrl(url);
    } catch (err) {
      return reject(err);
    }
    const lib = checked.protocol === 'https:' ? https : http;
    const req = lib.get(url, { headers: { 'user-agent': 'candor-models', ...headers } }, (res) => {
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400 && res.headers.location) {
        res.resume();
        if (redirects >= MAX_REDIRECTS) return reject(new HttpStatusError(status, url));
        let to: URL;
        try {
          to = new URL(res.headers.location, url);
          checkRedirect(checked, to);
        } catch (err) {
          return reject(err instanceof CandorError ? err : new CandorError('MODEL_MISSING', `refused a redirect from ${checked.origin} to an address that is not a URL`));
        }
        const next = to.toString();
        return resolve(get(next, headers, timeoutMs, redirects + 1));
      }
      resolve(res);
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`no data for ${timeoutMs / 1000} s`)));
    req.on('error', reject);
  });
}

/** One attempt: appends to the .part (or restarts it) and resolves when the body ended complete. */
async function attempt(opts: DownloadOptions, part: string, timeoutMs: number): Promise<{ resumedFrom: number }> {
  const have = sizeOf(part);
  const res = await get(opts.url, have > 0 ? { range: `bytes=${have}-` } : {}, timeoutMs);
  const status = res.statusCode ?? 0;
  if (status === 416 && have > 0) {
    // Asked past the end: the .part is already whole (or bigger than the file). Verification decides.
    res.resume();
    return { resumedFrom: have };
  }
  if (status !== 200 && status !== 206) {
    res.resume();
    throw new HttpStatusError(status, opts.url);
  }
  let from = 0;
  if (status === 206) {
    const m = /bytes (\d+)-/.exec(String(res.headers['content-range'] ?? ''));
    from = m ? Number(m[1]) : -1;
    if (from !== have) {
      res.resume();
      rmSync(part, { force: true });
      throw new Error(`the server resumed at byte ${from}, not ${have}; starting over`);
    }
  }
  // 200: the server ignored the Range header (or there was nothing to resume): start from zero.
  const length = Number(res.headers['content-length'] ?? NaN);
  const total = Number.isFinite(length) ? from + length : (opts.size ?? null);
  let done = from;
  opts.onProgress?.(done, total);
  await new Promise<void>((resolve, reject) => {
    const out = createWriteStream(part, { flags: from > 0 ? 'a' : 'w' });
    let failed: Error | null = null;
    const fail = (err: Error): void => {
      if (failed) return;
      failed = err;
      res.unpipe(out);
      res.destroy();
      out.destroy();
    };
    res.on('data', (chunk: Buffer) => {
      done += chunk.length;
      opts.onProgress?.(done, total);
    });
    res.on('aborted', () => fail(new Error('the connection was closed mid-transfer')));
    res.on('error', fail);
    out.on('error', fail);
    // Settle only once the file is closed, so a retry appends to a quiet file.
    out.on('close', () => {
      if (failed) reject(failed);
      else if (Number.isFinite(length) && done - from < length) reject(new Error(`the transfer stopped after ${done} of ${total} bytes`));
      else resolve();
    });
    res.pipe(out);
  });
  return { resumedFrom: from };
}

export async function downloadFile(opts: DownloadOptions): Promise<DownloadResult> {
  const part = `${opts.dest}.part`;
  const retries = opts.retries ?? 4;
  const timeoutMs = opts.timeoutMs ?? 30_000;
  let delay = opts.retryDelayMs ?? 500;
  mkdirSync(dirname(opts.dest), { recursive: true });
  let resumed = false;
  for (let i = 0; ; i++) {
    try {
      const { resumedFrom } = await attempt(opts, part, timeoutMs);
      if (resumedFrom > 0) resumed = true;
      break;
    } catch (err) {
      if (err instanceof CandorError) throw err;
      if (err instanceof HttpStatusError && err.status < 500) {
        throw new CandorError('MODEL_MISSING', `cannot download ${opts.url}: the server answered ${err.message}`,
          err.status === 404 ? 'The file is not at that address any more: update Candor for a current model manifest.'
            : 'Check the address in models/manifest.json, or try again later.');
      }
      if (i >= retries) {
        throw new CandorError('MODEL_MISSING', `cannot download ${opts.url}: ${(err as Error).message}`,
          `Run the command again: it resumes from the ${sizeOf(part)} bytes already in ${part}.`, { cause: err });
      }
      await new Promise((r) => setTimeout(r, delay));
      delay *= 2;
    }
  }
  const bytes = sizeOf(part);
  const actual = await sha256OfFile(part);
  const badSize = opts.size !== undefined && bytes !== opts.size;
  if ((opts.sha256 !== null && actual !== opts.sha256) || badSize) {
    rmSync(part, { force: true });
    throw new CandorError('MODEL_CORRUPT',
      `the download of ${opts.url} is corrupt: ${bytes} bytes with sha256 ${actual}, expected ` +
        `${opts.size !== undefined ? `${opts.size} bytes with ` : ''}sha256 ${opts.sha256 ?? '(any)'}; the partial file was deleted`,
      'Run the command again. If it keeps happening, the file on the server changed: update Candor.');
  }
  renameSync(part, opts.dest);
  return { path: opts.dest, sha256: actual, bytes, resumed };
}
